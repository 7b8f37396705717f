/**
 * Issue #5: bad input never escapes as anything but a VendorError, for UpYun, Baidu PCS and
 * NetEase CloudComb (API Switch and MFP are in normalize.fuzz.test.ts: two files, two cores).
 */
import { afterAll } from 'vitest';
import { baiduPcs, netease, upyun } from '../../adapters/index.js';
import { fuzzAdapters, PLANNED } from './adapter-fuzz.js';
import { casesRun } from './invariants.js';

fuzzAdapters([upyun, baiduPcs, netease]);

afterAll(() => {
  const planned = Object.values(PLANNED).reduce((a, b) => a + b, 0);
  console.log(`[hardening] vendors.fuzz: ${casesRun()} generated cases (planned ${planned} at scale 1)`);
});
