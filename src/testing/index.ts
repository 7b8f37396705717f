/**
 * `vendor-errors/testing`: a vendor simulator for tests and benchmarks. It answers with the
 * vendors' real wire formats (built from the same catalogs the adapters use) and plays rate
 * limits, flaky backends, outages, slow answers, proxy error pages and Baidu's errors-in-200.
 *
 * - {@link createSimulatorCore}: the pure core (no I/O), for fast tests.
 * - {@link startVendorSimulator}: a real node:http + WebSocket server on 127.0.0.1.
 * - {@link vendorHandlers}: msw handlers over the same core (needs `msw` installed).
 */
export {
  type FlakyScenario,
  type OutageScenario,
  PROXY_502_BODY,
  type RateLimitScenario,
  type RetryAfterStyle,
  type ScriptedAnswer,
  type ScriptStep,
  type SimulatedReason,
  type SimulatedVendor,
  type SimulatorCore,
  type SimulatorCoreOptions,
  type SimulatorRequest,
  type SimulatorResult,
  type VendorScenario,
  createSimulatorCore,
} from './core.js';
export { type VendorSimulator, type VendorSimulatorOptions, startVendorSimulator } from './server.js';
export { type HandledRequest, type VendorHandlersOptions, vendorHandlers } from './msw.js';
export type { RouteStats, SecondCount, SimulatorStats, VendorStats } from './stats.js';
export type { RespondContext, SimulatedResponse, VendorResponder } from './types.js';
export { type Random, deriveSeed, mulberry32 } from './random.js';
export { responders } from '../../adapters/responders.js';
