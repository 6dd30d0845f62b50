import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createServer, type MajlisServer, type ServerOptions } from './app.js';

export interface StartOptions extends ServerOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (this machine only); 0.0.0.0 listens on every interface. */
  host?: string;
}

export interface RunningServer extends MajlisServer {
  /** Where it listens, e.g. http://127.0.0.1:8787 */
  readonly url: string;
  readonly port: number;
  readonly http: Server;
}

/** Builds the server (see createServer) and listens; `close()` ends live streams and stops listening. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const server = await createServer(options);
  const host = options.host ?? '127.0.0.1';
  let http: Server;
  try {
    http = await new Promise<Server>((resolve, reject) => {
      const created = serve({ fetch: server.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(created as Server)) as Server;
      created.once('error', reject);
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const { port } = http.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    ...server,
    url: `http://${shown}:${port}`,
    port,
    http,
    async close() {
      await server.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
