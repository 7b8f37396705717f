/**
 * `vendor-errors/testing`: a vendor simulator for tests and benchmarks. It answers with the
 * vendors' real wire formats (built from the same catalogs the adapters use) and plays rate
 * limits, flaky backends, outages, slow answers, proxy error pages and Baidu's errors-in-200.
 *
 * - {@link createSimulatorCore}: the pure core (no I/O, no peer), for fast tests.
 * - {@link startVendorSimulator}: a real node:http server on 127.0.0.1, with MFP's WebSocket
 *   endpoint when the optional peer `ws` is installed (loaded when the simulator starts).
 *
 * The msw handlers live in `vendor-errors/testing/msw`, so that this entry never loads msw.
 */
export { createSimulatorCore } from './core.js';
export type {
  SimulatedReason,
  SimulatedVendor,
  SimulatorCore,
  SimulatorCoreOptions,
  SimulatorRequest,
  SimulatorResult,
} from './core-types.js';
export { PROXY_502_BODY } from './dispatch.js';
export type {
  FlakyScenario,
  OutageScenario,
  RateLimitHeaderStyle,
  RateLimitScenario,
  RetryAfterStyle,
  ScriptedAnswer,
  ScriptStep,
  VendorScenario,
} from './scenario.js';
export { type VendorSimulator, type VendorSimulatorOptions, startVendorSimulator } from './server.js';
export type { RouteStats, SecondCount, SimulatorStats, VendorStats } from './stats.js';
export type { RespondContext, SimulatedResponse, VendorResponder } from './types.js';
export { type Random, deriveSeed, mulberry32 } from './random.js';
export { responders } from '../../adapters/responders.js';
