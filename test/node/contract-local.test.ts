import { describe, it } from 'node:test';
import { adapterContract } from '../../src/testing/contract.js';
import { localHarness } from '../../src/testing/local-harness.js';

adapterContract(localHarness, { describe, it });
