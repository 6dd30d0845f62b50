import { after } from 'node:test';
import { Engine, ManualClock } from '../../../src/engine/index.js';
import { createServer, type LogEntry, type MajlisServer, type ServerOptions } from '../../../src/server/app.js';
import { startServer, type RunningServer, type StartOptions } from '../../../src/server/start.js';
import { CONTRACT_START } from '../../../src/testing/local-harness.js';

export interface TestServer<S extends MajlisServer = MajlisServer> {
  server: S;
  engine: Engine;
  /** Every log entry the server wrote. */
  logs: LogEntry[];
}

export interface ListeningTestServer extends TestServer<RunningServer> {
  url: string;
}

/**
 * Servers for one test file, all closed when the file ends (or by `closeAll`): `start` listens on a free port of this
 * machine, `create` builds the app only (requests go to its `fetch`, no port). Each gets, unless
 * given, a fresh engine on a manual clock at CONTRACT_START, and keeps its log lines in `logs`.
 */
export function testServers(defaults: Partial<StartOptions> & { secret: string }) {
  const open: MajlisServer[] = [];
  const closeAll = async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  };
  after(closeAll);
  const prepare = (options: Partial<ServerOptions>) => {
    const engine = options.engine ?? defaults.engine ?? new Engine({ clock: new ManualClock(CONTRACT_START) });
    const logs: LogEntry[] = [];
    return { engine, logs, options: { log: (entry: LogEntry) => logs.push(entry), ...defaults, ...options, engine } };
  };
  return {
    async start(options: Partial<StartOptions> = {}): Promise<ListeningTestServer> {
      const { engine, logs, options: all } = prepare(options);
      const server = await startServer({ port: 0, ...all });
      open.push(server);
      return { server, engine, logs, url: server.url };
    },
    async create(options: Partial<ServerOptions> = {}): Promise<TestServer> {
      const { engine, logs, options: all } = prepare(options);
      const server = await createServer(all);
      open.push(server);
      return { server, engine, logs };
    },
    /** Closes every server opened so far (before their database closes, say); the rest close when the file ends. */
    closeAll,
  };
}
