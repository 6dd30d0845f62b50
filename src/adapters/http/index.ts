export { HttpAdapter, type HttpAdapterOptions, type RetryOptions, type HttpLiveApi, type EventSourceLike, type EventSourceConstructor } from './http-adapter.js';
export { FetchEventSource, type FetchEventSourceInit } from './fetch-event-source.js';
