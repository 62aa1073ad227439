import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';

/**
 * A TCP relay in front of an api, for cutting one client's network without touching the
 * server: `cut` drops every open connection and refuses new ones until `restore`.
 */
export interface TcpGate {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function openGate(targetPort: number): Promise<TcpGate> {
  let open = true;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('gate did not listen');

  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    async close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
