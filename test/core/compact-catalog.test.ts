/**
 * The built-in catalogs' encoding (`compactCatalog`, issue #14): every row it packs comes back as
 * the entry `defineCatalog` would make of the same facts, and a row it cannot read is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as adapters from '../../adapters/index.js';
import { defineAdapter } from '../../src/core/adapter.js';
import { type CatalogEntry, compactCatalog, defineCatalog } from '../../src/core/catalog.js';
import { ERROR_KINDS, KIND_FACTS, type RetryClass } from '../../src/errors/kinds.js';

const LETTERS = 'iapncflqrutemwk';

/** The encoder the built-in catalogs were written with: the inverse of `compactCatalog`. */
function encode(entries: readonly Omit<CatalogEntry, 'message'>[]): string {
  let previous = Number.NaN;
  let status = -1;
  let kr = '';
  return entries
    .map((e) => {
      const code = e.code === previous + 1 ? '' : String(e.code);
      previous = Number(e.code);
      const s = (e.status ?? 0) === status ? '' : String(e.status ?? 0);
      status = e.status ?? 0;
      const k = LETTERS[ERROR_KINDS.indexOf(e.kind)] + (e.retry === KIND_FACTS[e.kind].retry ? '' : e.retry.charAt(0));
      const kk = k === kr ? '' : k;
      kr = k;
      const o = e.outcome ? `|${e.outcome.charAt(0)}` : '';
      return `${code}|${s}|${kk}|${e.name}${o}\n`;
    })
    .join('');
}

const facts = (e: CatalogEntry) => [e.code, e.status, e.kind, e.retry, e.name, e.outcome];

describe('compactCatalog', () => {
  it('reads repeated fields, consecutive codes, retry overrides and outcomes', () => {
    const c = compactCatalog('10|400|i|BAD\n|||WORSE\n20|0|en|BROKEN\n|503|us|BUSY\n30||k|DONE|s\n|||WAIT|p\n');
    expect(c.entries.map(facts)).toEqual([
      [10, 400, 'invalid-request', 'never', 'BAD', undefined],
      [11, 400, 'invalid-request', 'never', 'WORSE', undefined],
      [20, undefined, 'internal', 'never', 'BROKEN', undefined],
      [21, 503, 'unavailable', 'safe', 'BUSY', undefined],
      [30, 503, 'unknown', 'never', 'DONE', 'success'],
      [31, 503, 'unknown', 'never', 'WAIT', 'progress'],
    ]);
    expect(c.entries.every((e) => e.message === undefined && Object.isFrozen(e))).toBe(true);
    expect(c.lookup('21')[0]?.name).toBe('BUSY');
  });

  it('refuses a row without a kind or a name, or with a code that is not a number', () => {
    expect(() => compactCatalog('10|400|z|BAD\n')).toThrow(TypeError);
    expect(() => compactCatalog('10|400|i|\n')).toThrow(/bad row/);
    expect(() => compactCatalog('x1|400|i|BAD\n')).toThrow(/bad row/);
  });

  it('gives back what it was given, for any rows (property)', () => {
    const retry = fc.constantFrom<RetryClass>('never', 'idempotent', 'safe');
    const row = fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom(undefined, 400, 403, 503),
      kind: fc.constantFrom(...ERROR_KINDS),
      retry,
      name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/),
      outcome: fc.constantFrom(undefined, 'success' as const, 'progress' as const),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        let code = 1000;
        const entries = rows.map((r) => ({ ...r, code: (code += r.gap) }));
        const expected = defineCatalog(
          entries.map(
            (e) => [e.code, e.status ?? 0, e.kind, e.retry, e.name, 'x', e.outcome ? { outcome: e.outcome } : undefined] as const,
          ),
        );
        expect(compactCatalog(encode(expected.entries)).entries.map(facts)).toEqual(expected.entries.map(facts));
      }),
    );
  });

  it('holds every built-in row as the encoder writes it', () => {
    for (const a of Object.values(adapters)) {
      expect(compactCatalog(encode(a.catalog.entries)).entries.map(facts), a.name).toEqual(a.catalog.entries.map(facts));
    }
  });
});

describe('the built-in adapters', () => {
  it("pass defineAdapter's checks (builtInAdapter skips them to keep them out of bundles) and look the same", () => {
    for (const a of Object.values(adapters)) {
      const checked = defineAdapter({ ...a });
      expect({ ...checked }, a.name).toEqual({ ...a });
      expect(Object.isFrozen(a) && Object.isFrozen(a.requestIdHeaders)).toBe(true);
    }
  });
});
