import { functionOption, invalid, numberOption } from '../core/options.js';
import type { FleetAnswer, FleetBudgetAnswer, FleetBudgetCall, FleetEvent, FleetGate } from '../pacer/fleet.js';
import { DEFAULT_PACER_PARAMS, type PacerParams } from '../pacer/params.js';
import { createMemoryPacerStore, type PacerStore } from '../pacer/store.js';
import { type RedisClientLike, scriptRunner, senderOf } from './client.js';
import { BUDGET_SCRIPT } from './budget-script.js';
import { FLEET_SCRIPT } from './script.js';

/** Options of {@link createRedisPacerStore}. */
export interface RedisPacerStoreOptions {
  /**
   * An ioredis (≥ 5) `Redis` or `Cluster`, or a connected node-redis (`redis` ≥ 4) client. Give it
   * an `error` listener (node-redis throws on an unhandled one): the store never throws its errors.
   */
  readonly client: RedisClientLike;
  /**
   * Prefix of every Redis key; a key is `${prefix}:{vendor|host}` (the braces are a Cluster hash tag).
   * @default 'vendor-errors'
   */
  readonly prefix?: string;
  /**
   * Longest wait for Redis, in ms; past it the process paces alone for a second, then asks again.
   * @default 75
   */
  readonly timeoutMs?: number;
  /**
   * A key idle this long expires in Redis, in ms.
   * @default 600_000
   */
  readonly idleTtlMs?: number;
  /**
   * Most keys this process keeps its own copy of (the in-memory store underneath).
   * @default 1000
   */
  readonly maxKeys?: number;
  /**
   * Told when Redis fails or does not answer in time (the process then paces alone for a second).
   * For logs and metrics; what it throws is ignored.
   * @default undefined
   */
  readonly onError?: (error: unknown) => void;
}

/** A {@link PacerStore} whose keys are shared by every process using the same Redis. */
export interface RedisPacerStore extends PacerStore {
  readonly fleet: FleetGate;
}

const PREFIX = 'redis pacer store option';
/**
 * After two failed calls in a row, every call answers "alone" at once for this long (no pile of
 * timeouts); one failure alone (a slow moment, this process's own event loop lagging) costs only
 * that call.
 */
const DOWN_MS = 1000;

function processId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return typeof c?.randomUUID === 'function'
    ? c.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function parse(reply: unknown): FleetAnswer | undefined {
  if (!Array.isArray(reply) || reply.length < 10) return undefined;
  const n = reply.map((x) => Number(x));
  if (n.some((x) => !Number.isFinite(x))) return undefined;
  return {
    granted: n[0] === 1,
    waitMs: n[1] as number,
    view: {
      rate: n[2] as number,
      pausedForMs: n[4] as number,
      circuit: n[5] as number,
      probeInMs: n[6] as number,
      live: n[7] as number,
    },
  };
}

/**
 * A pacer store shared through Redis by every process that calls the same vendor account: for each
 * `vendor|host` key, one token bucket for the whole fleet (sends spaced at the learned rate across
 * processes), one learned rate (lowered by a limit seen anywhere, raised from what the fleet gets
 * through), one Retry-After pause (never shortened by another process) and one circuit breaker
 * with a single probe for the fleet (a lease that expires). Each update is one Lua script run
 * atomically on Redis's clock.
 *
 * Cost: nothing while a key has never been limited (the in-memory copy answers, no round trip);
 * while it is, one EVALSHA per send. If Redis does not answer within `timeoutMs` (down, slow,
 * restarting) the process paces alone at its share of the last fleet rate and asks again a second
 * later; no call fails because of Redis.
 *
 * @example
 * import Redis from 'ioredis';
 * import { createPacer, setDefaultPacer } from 'vendor-errors';
 * import { createRedisPacerStore } from 'vendor-errors/redis';
 *
 * const pacer = createPacer({ store: createRedisPacerStore({ client: new Redis(process.env.REDIS_URL) }) });
 * const api = createFetch({ adapter: upyun, retry: { pacer } });
 */
export function createRedisPacerStore(options: RedisPacerStoreOptions): RedisPacerStore {
  if (typeof options !== 'object' || options === null) throw new TypeError('createRedisPacerStore: options must be an object');
  const send = senderOf(options.client);
  if (!send) throw invalid(PREFIX, 'client', 'an ioredis or node-redis client', options.client);
  const prefix = options.prefix ?? 'vendor-errors';
  if (typeof prefix !== 'string' || prefix === '' || /[{}]/.test(prefix)) {
    throw invalid(PREFIX, 'prefix', 'a non-empty string without braces', prefix);
  }
  const timeoutMs = numberOption(PREFIX, 'timeoutMs', options.timeoutMs, 75, {
    min: 1,
    max: 60_000,
    expected: 'a number of ms from 1 to 60000',
  });
  const idleTtlMs = numberOption(PREFIX, 'idleTtlMs', options.idleTtlMs, 600_000, {
    min: 1000,
    max: 2 ** 31 - 1,
    integer: true,
    expected: 'an integer number of ms from 1000',
  });
  const onError = functionOption<(error: unknown) => void>(PREFIX, 'onError', options.onError);
  const local = createMemoryPacerStore(options.maxKeys === undefined ? {} : { maxKeys: options.maxKeys });
  const run = scriptRunner(send, FLEET_SCRIPT, timeoutMs);
  const runBudget = scriptRunner(send, BUDGET_SCRIPT, timeoutMs);
  const id = processId();
  let params: PacerParams = DEFAULT_PACER_PARAMS;
  let downUntil = 0;
  let failuresInARow = 0;
  /** Successes not yet told, per key (bounded: keys the local copy still holds). */
  const pending = new Map<string, number>();

  function keysOf(key: string): [string, string, string] {
    const tag = `${prefix}:{${key.replace(/[{}]/g, '_')}}`;
    return [tag, `${tag}:live`, `${tag}:rates`];
  }

  /** Redis errors never reach a caller: the process goes alone for a while instead. */
  function failed(error: unknown): undefined {
    failuresInARow++;
    if (failuresInARow >= 2) downUntil = Date.now() + DOWN_MS;
    try {
      onError?.(error);
    } catch {
      // a logging callback cannot break pacing
    }
    return undefined;
  }

  function budget(b: FleetBudgetCall): Promise<FleetBudgetAnswer | undefined> {
    if (Date.now() < downUntil) return Promise.resolve(undefined);
    const SCALE = 1_000_000;
    const args = [
      Math.max(0, Math.floor(b.deposits)),
      Math.max(0, Math.floor(b.want)),
      Math.max(0, Math.floor(b.giveBack)),
      Math.round(b.ratio * SCALE),
      Math.round(((b.minPerSecond * b.windowMs) / 1000) * SCALE),
      Math.max(10, Math.round(b.windowMs)),
      Math.max(1000, Math.round(2 * b.windowMs)),
    ].map(String);
    const tag = `${prefix}:{budget|${b.key.replace(/[{}]/g, '_')}}`;
    return runBudget([tag], args).then((reply) => {
      failuresInARow = 0;
      if (!Array.isArray(reply) || reply.length < 2) return undefined;
      const granted = Number(reply[0]);
      const balance = Number(reply[1]) / SCALE;
      return Number.isFinite(granted) && Number.isFinite(balance) ? { granted, balance } : undefined;
    }, failed);
  }

  function call(
    key: string,
    op: string,
    age: number,
    retryAfterMs: number,
    seed: number,
    measured = 0,
  ): Promise<FleetAnswer | undefined> {
    if (Date.now() < downUntil) return Promise.resolve(undefined);
    const succ = pending.get(key) ?? 0;
    pending.delete(key);
    const p = params;
    const args = [
      op,
      p.beta,
      p.recoveryMs,
      p.windowMs,
      p.doublingMs,
      p.burstMs,
      p.minRate,
      p.maxRate,
      p.failureThreshold,
      p.probeDelayMs,
      p.maxProbeDelayMs,
      p.probeLeaseMs,
      p.maxPauseMs,
      idleTtlMs,
      id,
      succ,
      seed,
      Math.round(age),
      Math.round(retryAfterMs),
      measured,
    ].map(String);
    return run(keysOf(key), args).then(
      (reply) => {
        failuresInARow = 0;
        return parse(reply);
      },
      (error: unknown) => {
        // What was counted meanwhile is old news by the time Redis answers again.
        pending.clear();
        return failed(error);
      },
    );
  }

  const fleet: FleetGate = Object.freeze({
    attach(given: PacerParams): void {
      params = given;
    },
    available: () => Date.now() >= downUntil,
    reserve: (key: string, seedRate: number, measured: number) => call(key, 'reserve', 0, 0, seedRate, measured),
    report: (key: string, event: FleetEvent, ageMs: number, retryAfterMs: number, measured: number) =>
      call(key, event, ageMs, retryAfterMs, 0, measured),
    success(key: string): void {
      if (pending.size >= 1000 && !pending.has(key)) pending.clear();
      pending.set(key, (pending.get(key) ?? 0) + 1);
    },
    budget,
  });

  return Object.freeze({
    get: local.get,
    set: local.set,
    delete(key: string): void {
      local.delete(key);
      pending.delete(key);
    },
    keys: local.keys,
    fleet,
  });
}
