import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A local HTTP endpoint that records what it receives: a tenant's webhook receiver, or a push
 * service. `answer` decides each response; it may hold a request open until a test lets go.
 */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received) => number | Promise<number> = () => 200;
  private server: Server | undefined;
  url = '';

  /** Serves HTTP, or HTTPS with this key and certificate (push services are HTTPS only). */
  async start(tls?: { key: string; cert: string }): Promise<this> {
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const request: Received = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          at: Date.now(),
        };
        this.received.push(request);
        void Promise.resolve(this.answer(request)).then(
          (status) => res.writeHead(status).end(),
          () => res.destroy(),
        );
      });
    };
    this.server = tls ? createTlsServer(tls, handle) : createServer(handle);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server!.address() as AddressInfo).port;
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  /** Bodies received, parsed as JSON. */
  json<T = Record<string, unknown>>(): T[] {
    return this.received.map((r) => JSON.parse(r.body) as T);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
