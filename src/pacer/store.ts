import type { PacerState } from './state.js';

/**
 * Where a pacer keeps each key's {@link PacerState}. The algorithm is pure and the state is plain
 * numbers and strings, so a store shared by several processes (Redis, a database row per key)
 * can implement this interface later; the in-memory one is {@link createMemoryPacerStore}.
 *
 * Calls are synchronous: the pacer reads, computes and writes in one go. A shared store would
 * keep a local copy and reconcile it in the background (the state merges well: take the lower
 * rate, the later pause, the open circuit), rather than put a round trip before every request.
 */
export interface PacerStore {
  /** The state of `key`, or `undefined` if the store holds none (the key starts fresh). */
  get(key: string): PacerState | undefined;
  /** Replaces the state of `key`. */
  set(key: string, state: PacerState): void;
  /** Forgets `key`. */
  delete(key: string): void;
  /** Every key held, in no particular order. */
  keys(): Iterable<string>;
}

/** Options of {@link createMemoryPacerStore}. */
export interface MemoryPacerStoreOptions {
  /**
   * Most keys held; setting a new key beyond this forgets the least recently set one (which
   * then starts fresh: unlimited, circuit closed). From 1 to 1_000_000.
   * @default 1000
   */
  readonly maxKeys?: number;
}

/**
 * The default {@link PacerStore}: a `Map` bounded to `maxKeys` entries, least recently written
 * first out, so a client that talks to many hosts does not grow without end.
 *
 * @example
 * const store = createMemoryPacerStore({ maxKeys: 100 });
 * const pacer = createPacer({ store });
 */
export function createMemoryPacerStore(options: MemoryPacerStoreOptions = {}): PacerStore {
  const maxKeys = options.maxKeys ?? 1000;
  if (typeof maxKeys !== 'number' || !Number.isInteger(maxKeys) || maxKeys < 1 || maxKeys > 1_000_000) {
    throw new TypeError(`memory pacer store option \`maxKeys\` must be an integer from 1 to 1000000, got ${String(maxKeys)}`);
  }
  const map = new Map<string, PacerState>();
  // The most recently set key is already last in the Map's order: setting it again only replaces
  // the value. (One busy key is the usual case; a delete and a re-insert per report cost ~0.1 µs.)
  let newest: string | undefined;
  return Object.freeze({
    get: (key: string) => map.get(key),
    set(key: string, state: PacerState): void {
      if (key !== newest) {
        if (map.has(key)) map.delete(key);
        else if (map.size >= maxKeys) {
          const oldest = map.keys().next();
          if (!oldest.done) map.delete(oldest.value);
        }
        newest = key;
      }
      map.set(key, state);
    },
    delete(key: string): void {
      map.delete(key);
      if (key === newest) newest = undefined;
    },
    keys: () => [...map.keys()],
  });
}
