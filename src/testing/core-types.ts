/** The simulator core's public shape: its options, what it is asked and what it answers. */
import type { Adapter } from '../core/adapter.js';
import type { HeadersInput } from '../core/headers.js';
import type { VendorScenario } from './scenario.js';
import type { SimulatorStats } from './stats.js';
import type { SimulatedResponse, VendorResponder } from './types.js';

/** Why the simulator answered the way it did. */
export type SimulatedReason =
  | 'ok'
  | 'forced'
  | 'scripted'
  | 'rate-limited'
  | 'flaky'
  | 'outage'
  | 'proxy502'
  | 'bad-request'
  | 'no-route';

/** A vendor the simulator can play: an adapter (for its catalog) and its responder. */
export interface SimulatedVendor {
  readonly adapter: Adapter;
  readonly responder: VendorResponder;
}

/** Options shared by the core, the server and the msw handlers. */
export interface SimulatorCoreOptions {
  /**
   * Seed of every random stream (one per vendor and purpose): same seed and same arrival
   * order, same answers.
   * @default 1
   */
  readonly seed?: number;
  /** Scenario per vendor (adapter name: `upyun`, `baidu-pcs`, `netease`, `api-switch`, `mfp`). */
  readonly scenarios?: Readonly<Record<string, VendorScenario | undefined>>;
  /**
   * The clock, in ms since the epoch. Inject one to drive token buckets and outages in tests.
   * @default Date.now
   */
  readonly clock?: () => number;
  /** More vendors, or replacements for built-in ones, by adapter name. */
  readonly vendors?: Readonly<Record<string, SimulatedVendor>>;
}

/** One request, as the core sees it. */
export interface SimulatorRequest {
  /** Adapter name, e.g. `baidu-pcs`. */
  readonly vendor: string;
  /** @default 'GET' */
  readonly method?: string;
  /** The path under the vendor prefix, e.g. `/rest/2.0/pcs/file`; a query part is ignored. @default '/' */
  readonly path?: string;
  /** The query string (with or without `?`); only `simulate_code` is read. */
  readonly query?: string | URLSearchParams;
  /** Request headers; only `x-simulate-code` is read. */
  readonly headers?: HeadersInput;
  /** Forces a code, like the `x-simulate-code` header. */
  readonly simulateCode?: number | string;
  /** WebSocket vendors: the request message's id, echoed back. */
  readonly id?: string | null;
  /** Overrides the clock for this request. */
  readonly now?: number;
}

/** What the core answers: the response plus what the wrapper must do and why. */
export interface SimulatorResult extends SimulatedResponse {
  /** Wait this long before sending (the `latencyMs` scenario). */
  readonly delayMs: number;
  readonly reason: SimulatedReason;
  /** The vendor code in the body, if any. */
  readonly code: number | string | undefined;
}

/** The pure simulator: state (buckets, random streams, stats) but no I/O. */
export interface SimulatorCore {
  /** Answers one HTTP-style request. Never throws for request content. */
  handle(request: SimulatorRequest): SimulatorResult;
  /**
   * Answers one WebSocket text frame `{"action", "params", "id"}` (MFP). `params.simulate_code`
   * forces a code; a frame that is not such an object gets the vendor's bad-request code.
   */
  handleMessage(vendor: string, frame: string, now?: number): SimulatorResult;
  /** Sets (replaces) a vendor's scenario, live; `undefined` or `{}` clears it. Refills its bucket and restarts its outage window. */
  scenario(vendor: string, scenario: VendorScenario | undefined): void;
  /** The scenario a vendor runs now. */
  scenarioOf(vendor: string): VendorScenario;
  /** Back to the start: initial scenarios, fresh random streams and buckets, empty stats. */
  reset(): void;
  readonly stats: SimulatorStats;
  /** Adapter names this core can play. */
  readonly vendors: readonly string[];
  /** The adapter and responder for a vendor, or `undefined`. */
  vendor(name: string): SimulatedVendor | undefined;
  /** The clock this core reads. */
  readonly clock: () => number;
}
