import type { SimulatedReason } from './core-types.js';

/** Counts for one route (or a whole vendor). Live objects: read them, do not mutate them. */
export interface RouteStats {
  readonly total: number;
  /** By HTTP status (`"429"`); WebSocket answers have no status and are not counted here. */
  readonly byStatus: Readonly<Record<string, number>>;
  /** By vendor code as sent (`"42900001"`); answers without a code are not counted here. */
  readonly byCode: Readonly<Record<string, number>>;
  /** By why the simulator answered so (`ok`, `rate-limited`, `flaky`, `outage`, …). */
  readonly byReason: Readonly<Partial<Record<SimulatedReason, number>>>;
  /** The simulator clock's time of each request, in arrival order. */
  readonly timestamps: readonly number[];
}

/** A vendor's counts, overall and per route (`"GET /path"`, or the MFP action name). */
export interface VendorStats extends RouteStats {
  readonly routes: Readonly<Record<string, RouteStats>>;
}

/** One bar of a requests-per-second plot. */
export interface SecondCount {
  /** Whole seconds since the epoch (of the simulator clock). */
  readonly second: number;
  readonly count: number;
}

/**
 * What the simulator saw. Routes are paths without their query, so Baidu's `access_token`
 * and MFP's `token` (both credentials, README) never land here.
 */
export interface SimulatorStats {
  /** Requests answered, all vendors. */
  readonly total: number;
  /** Per vendor, by adapter name; vendors not yet called are absent. */
  readonly vendors: Readonly<Record<string, VendorStats>>;
  /** A vendor's counts (empty counts when it has had no request). */
  vendor(name: string): VendorStats;
  /**
   * Requests per second from the first request to the last, gaps included as zeros.
   * @example
   * sim.stats.perSecond('upyun'); // [{ second: 1700000000, count: 10 }, { second: 1700000001, count: 10 }]
   */
  perSecond(vendor?: string, route?: string): SecondCount[];
  /** Forgets everything counted so far. */
  reset(): void;
}

interface MutableRoute {
  total: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  byReason: Partial<Record<SimulatedReason, number>>;
  timestamps: number[];
}

interface MutableVendor extends MutableRoute {
  routes: Record<string, MutableRoute>;
}

/** @internal The core's side of the stats. */
export interface StatsRecorder {
  readonly stats: SimulatorStats;
  record(
    vendor: string,
    route: string,
    now: number,
    status: number | undefined,
    code: string | undefined,
    reason: SimulatedReason,
  ): void;
  reset(): void;
}

function emptyRoute(): MutableRoute {
  // Null-prototype maps: route names come from request paths and must not hit Object.prototype.
  return {
    total: 0,
    byStatus: Object.create(null),
    byCode: Object.create(null),
    byReason: Object.create(null),
    timestamps: [],
  };
}

function bump(
  route: MutableRoute,
  now: number,
  status: number | undefined,
  code: string | undefined,
  reason: SimulatedReason,
): void {
  route.total++;
  if (status !== undefined) route.byStatus[status] = (route.byStatus[status] ?? 0) + 1;
  if (code !== undefined) route.byCode[code] = (route.byCode[code] ?? 0) + 1;
  route.byReason[reason] = (route.byReason[reason] ?? 0) + 1;
  route.timestamps.push(now);
}

/** @internal */
export function createStats(): StatsRecorder {
  let vendors: Record<string, MutableVendor> = Object.create(null);
  let total = 0;
  const stats: SimulatorStats = {
    get total() {
      return total;
    },
    get vendors() {
      return vendors;
    },
    vendor(name) {
      return vendors[name] ?? { ...emptyRoute(), routes: Object.create(null) };
    },
    perSecond(vendor, route) {
      let times: number[];
      if (vendor === undefined) times = Object.values(vendors).flatMap((v) => v.timestamps);
      else if (route === undefined) times = vendors[vendor]?.timestamps ?? [];
      else times = vendors[vendor]?.routes[route]?.timestamps ?? [];
      if (times.length === 0) return [];
      const seconds = times.map((t) => Math.floor(t / 1000));
      // A loop, not Math.min(...seconds): a benchmark's timestamps would overflow the call stack.
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const s of seconds) {
        if (s < first) first = s;
        if (s > last) last = s;
      }
      const counts = new Array<number>(last - first + 1).fill(0);
      for (const s of seconds) counts[s - first] = (counts[s - first] ?? 0) + 1;
      return counts.map((count, i) => ({ second: first + i, count }));
    },
    reset() {
      vendors = Object.create(null);
      total = 0;
    },
  };
  return {
    stats,
    record(vendor, route, now, status, code, reason) {
      total++;
      let v = vendors[vendor];
      if (!v) v = vendors[vendor] = { ...emptyRoute(), routes: Object.create(null) };
      bump(v, now, status, code, reason);
      let r = v.routes[route];
      if (!r) r = v.routes[route] = emptyRoute();
      bump(r, now, status, code, reason);
    },
    reset: () => stats.reset(),
  };
}
