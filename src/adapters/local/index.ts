export { LocalAdapter, type LocalAdapterOptions } from './local-adapter.js';
export { seedDemoCommunity, DEMO_MEMBERS, type DemoCommunity } from './seed.js';
