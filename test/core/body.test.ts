/**
 * readBody's JSON detection (src/core/body.ts): a char-code loop replaced `search(/\S/)` on the
 * classify() hot path; it skips JSON's own whitespace only, and must parse exactly the texts the
 * regex rule parsed (JSON.parse refuses any other space in front).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../src/core/body.js';

/** The rule before the loop, as a reference. */
function reference(text: string): unknown {
  const start = text.search(/\S/);
  if (start === -1) return undefined;
  const c = text.charAt(start);
  if (c !== '{' && c !== '[' && c !== '"' && c !== '-' && !(c >= '0' && c <= '9')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Every character `\s` matches, and a few that look like space but are not.
const SPACES = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2005',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
];
const NOT_SPACES = ['\u0085', '\u180e', '\u200b', '\u0000', 'x', '<'];

describe('readBody: which texts are parsed as JSON', () => {
  it('agrees with the regex rule on JSON, near-JSON and text behind any leading space', () => {
    const lead = fc.array(fc.constantFrom(...SPACES, ...NOT_SPACES), { maxLength: 4 }).map((a) => a.join(''));
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.constantFrom('{"code":42900001,"msg":"too many requests"}', '[1,2]', '"x"', '-1', '7', '<html>', 'Bad Gateway'),
    );
    fc.assert(
      fc.property(lead, body, (l, b) => {
        expect(readBody(l + b).json).toStrictEqual(reference(l + b));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([' ', '\t', '\n', '\r'])('parses a JSON body behind JSON whitespace %j', (space) => {
    expect(readBody(`${space}{"code":1}`).json).toEqual({ code: 1 });
  });
});
