import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';

/**
 * A TCP load balancer in front of several api nodes, as production puts one in front of the
 * fleet. Each new connection goes to the first node, counting from `first`, that accepts it;
 * a node that refuses (it died) is skipped, so clients of a dead node reconnect to another.
 */
export interface Balancer {
  url: string;
  /** The port of the node each open connection went to. */
  targets(): number[];
  close(): Promise<void>;
}

export async function openBalancer(ports: number[], first = 0): Promise<Balancer> {
  const open = new Map<Socket, number>();
  const order = ports.map((_, i) => ports[(first + i) % ports.length]!);

  const relay = (client: Socket, candidates: number[]) => {
    const [port, ...rest] = candidates;
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port });
    let connected = false;
    upstream.on('error', () => {
      if (connected) client.destroy();
      else relay(client, rest);
    });
    upstream.once('connect', () => {
      connected = true;
      open.set(client, port);
      client.pipe(upstream).pipe(client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => {
        open.delete(client);
        upstream.destroy();
      });
    });
  };

  const server = createServer((client) => {
    client.on('error', () => undefined);
    // Nothing is read from the client until a node has taken the connection.
    client.pause();
    relay(client, order);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('balancer did not listen');

  return {
    url: `http://127.0.0.1:${address.port}`,
    targets: () => [...open.values()],
    async close() {
      for (const client of open.keys()) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
