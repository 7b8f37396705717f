/** Shared bits of the simulator tests. */
import * as adapters from '../../adapters/index.js';
import type { Adapter } from '../../src/core/adapter.js';

/** A clock tests move by hand. Starts on a whole second so HTTP-dates compare exactly. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = ms;
    },
  };
}

/** The built-in adapters by name. */
export const ADAPTERS: Readonly<Record<string, Adapter>> = Object.fromEntries(
  (Object.values(adapters) as Adapter[]).map((a) => [a.name, a]),
);

export function adapter(name: string): Adapter {
  const a = ADAPTERS[name];
  if (!a) throw new Error(`no adapter ${name}`);
  return a;
}

export const HTTP_VENDORS = ['upyun', 'baidu-pcs', 'netease', 'api-switch'] as const;

/** Headers object → plain record with lower-case names (fetch's Headers or the core's record). */
export function plainHeaders(h: Headers | Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  if (h instanceof Headers) {
    for (const [k, v] of h) out[k] = v;
  } else for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}
