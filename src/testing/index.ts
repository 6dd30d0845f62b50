export { adapterContract, type ContractCommunity, type ContractHarness, type TestRunnerApi } from './contract.js';
export { ContractFailure, ok, equal, deepEqual, rejects } from './assert.js';
export { localHarness } from './local-harness.js';
export { withFaults, type CallPattern, type Fault, type FaultControls, type FaultRule, type FaultyAdapter, type FaultyCall } from './faulty-adapter.js';
