/**
 * exactIntegerField (src/core/wire.ts): the exact digits of a top-level integer field that
 * JSON.parse rounded (Baidu PCS `request_id`, MFP `id`). Property: over generated bodies (JSON whitespace anywhere, the key before
 * or after others, the same key nested with other digits, integers of 1-25 digits), the answer is
 * the field's own digits as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactIntegerField } from '../../src/core/wire.js';

const space = fc.constantFrom('', ' ', '  ', '\n', '\t', '\r\n ');
const digits = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 24 }), fc.boolean())
  .map(([first, rest, negative]) => `${negative ? '-' : ''}${first}${rest.join('')}`);

describe('exactIntegerField', () => {
  it('reads the digits of the top-level field as written (fast-check, 3,000 bodies)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('request_id', 'id', 'echo'),
        digits,
        digits,
        fc.boolean(),
        fc.boolean(),
        fc.array(space, { minLength: 6, maxLength: 6 }),
        (key, own, nested, nestedFirst, last, [a, b, c, d, e, f]) => {
          const field = `${a}"${key}"${b}:${c}${own}${d}`;
          const inner = `"data"${e}:${f}{"${key}":${nested}}`;
          const parts = [nestedFirst ? inner : '"error_code":31219', field, '"error_msg":"request exceed limit"'];
          if (!nestedFirst) parts.push(inner);
          if (last) parts.push(parts.splice(1, 1)[0] as string);
          const text = `{${parts.join(',')}}`;
          const value = (JSON.parse(text) as Record<string, unknown>)[key] as number;
          const got = exactIntegerField(text, key, value);
          // The nested field may round to the same number only if its digits are the same value.
          expect(got === own || (got !== undefined && Number(got) === value)).toBe(true);
          expect(got).not.toBeUndefined();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('Baidu PCS ids above 2^53, quoted or not, any key casing', () => {
    const id = '2205982175498443367';
    expect(exactIntegerField(`{"error_code":31219,"request_id":${id}}`, 'request_id', Number(id))).toBe(id);
    expect(exactIntegerField(`{"request_id" : ${id} }`, 'request_id', Number(id))).toBe(id);
    expect(exactIntegerField(`{"Request_Id":${id}}`, 'request_id', Number(id))).toBe(id);
    // The first occurrence is nested and rounds elsewhere: the top-level one is found.
    expect(exactIntegerField(`{"data":{"request_id":1},"request_id":${id}}`, 'request_id', Number(id))).toBe(id);
    expect(exactIntegerField(`{"request_id":${id}x}`, 'request_id', Number(id))).toBeUndefined();
  });
});
