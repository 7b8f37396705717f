/** A source of numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG. Not for cryptography; its only job is that the same seed
 * gives the same sequence, so a scenario replays identically.
 *
 * @example
 * const r = mulberry32(1);
 * r(); // 0.6270739405881613, every time
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * FNV-1a over the parts, as a 32-bit seed. Each vendor and each purpose (flaky, latency, ids…)
 * gets its own stream, so turning on latency does not change which requests the flaky
 * scenario fails.
 */
export function deriveSeed(seed: number, ...parts: string[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Mix the upper bits of a large seed too, so seeds differing only above 2^32 differ.
  h ^= Math.floor(seed / 4294967296) >>> 0;
  return h >>> 0;
}
