import fc from 'fast-check';

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
