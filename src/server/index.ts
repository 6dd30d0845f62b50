/**
 * `majlis/server`: the reference server over the engine. Build it with `createServer` (a Hono app and
 * its fetch handler) or run it with `startServer` (listens on a port); see docs/server.md.
 */
export { createServer, type DemoOptions, type LogEntry, type MajlisServer, type ServerOptions, type TestModeOptions } from './app.js';
export { startServer, type RunningServer, type StartOptions } from './start.js';
export { signViewerToken, verifyViewerToken, claimsOf, bearerToken, DEFAULT_AUDIENCE, type SignOptions, type TokenOptions, type VerifiedViewer } from './auth.js';
export { LiveHub, checkTopic, type EventFeed, type LiveHubOptions } from './live.js';
export { openApiDocument } from './openapi.js';
export { API_ROUTES, type ApiRoute } from './routes.js';
export { DEFAULT_RATE_LIMITS, TokenBuckets, parseOrigins, parseRateLimit, type RateLimit } from './protection.js';
export { seedDemoStore, copySnapshot } from './seed.js';
export { openDatabase, type Database, type OpenDatabaseOptions } from './database.js';
export { SqlStore, type SqlStoreOptions } from './sql-store.js';
