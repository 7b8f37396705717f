import fc from 'fast-check';
import { HOSTILE } from '../hardening/arbitraries.js';

/**
 * Bodies a parser must survive: anything at all, text, JSON values and their text, and the
 * vendor's own shape (`shaped`, every key optional and of any type) as an object and as text.
 */
export function vendorBodies(shaped: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything(),
    fc.string(),
    fc.jsonValue(),
    fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
    shaped,
    shaped.map((v) => {
      try {
        return JSON.stringify(v) ?? '';
      } catch {
        return '';
      }
    }),
  );
}

/**
 * Parsed bodies a parser must not throw on: primitives, arrays, a throwing getter, a proxy that
 * throws on every trap, a revoked proxy, null-prototype objects. Fresh objects on every call.
 */
export function hostileJson(): { readonly values: readonly unknown[]; readonly getter: object; readonly trap: object } {
  const getter = HOSTILE.throwingGetter();
  const trap = HOSTILE.proxy();
  const values = [
    null,
    undefined,
    0,
    42,
    true,
    'x',
    [],
    [1, 2],
    getter,
    trap,
    HOSTILE.revoked(),
    HOSTILE.nullProto(),
    Object.create(null),
  ];
  return { values, getter, trap };
}
