/**
 * The built-in catalogs keep what only people read (Chinese messages, notes) in `docs.ts`
 * beside each catalog. These checks keep the two halves of every vendor's table in step: a
 * docs entry always belongs to rows that exist, and runtime entries carry only runtime fields.
 */
import { describe, expect, it } from 'vitest';
import * as builtIn from '../../adapters/index.js';
import { DOCS } from '../../adapters/docs.js';
import type { Adapter } from '../../src/core/adapter.js';
import { type RowDocs, rowDocs } from '../../src/core/catalog-docs.js';
import { defineCatalog } from '../../src/core/catalog.js';
import { codeKey } from '../../src/core/wire.js';

const adapters = Object.values(builtIn as Record<string, Adapter>);

describe('catalog docs', () => {
  it('has one docs table per built-in adapter', () => {
    expect(Object.keys(DOCS).sort()).toEqual(adapters.map((a) => a.name).sort());
  });

  for (const adapter of adapters) {
    describe(adapter.name, () => {
      const docs = DOCS[adapter.name]!;

      it('documents only codes the catalog has, one RowDocs per row of a reused code', () => {
        for (const [key, value] of Object.entries(docs)) {
          const rows = adapter.catalog.lookup(key);
          expect(rows.length, `code ${key}`).toBeGreaterThan(0);
          expect(codeKey(rows[0]!.code)).toBe(key);
          if (Array.isArray(value)) expect(value, `code ${key}`).toHaveLength(rows.length);
          else expect(rows, `code ${key} has several rows: give one RowDocs per row`).toHaveLength(1);
        }
      });

      it('has no empty docs', () => {
        const all = Object.values(docs).flatMap((v) => (Array.isArray(v) ? v : [v])) as RowDocs[];
        for (const d of all) {
          expect(Object.keys(d).length).toBeGreaterThan(0);
          for (const text of Object.values(d)) expect(text).toMatch(/\S/);
        }
      });

      it('keeps runtime entries to the fields normalize() reads', () => {
        for (const e of adapter.catalog.entries) {
          expect(Object.keys(e)).toEqual(['code', 'status', 'kind', 'retry', 'name', 'message', 'outcome']);
        }
      });

      it('finds the docs of each row of a reused code', () => {
        for (const e of adapter.catalog.entries) {
          const value = docs[codeKey(e.code)];
          const expected = Array.isArray(value) ? value[adapter.catalog.lookup(e.code).indexOf(e)] : value;
          expect(rowDocs(docs, adapter.catalog, e)).toBe(expected);
        }
      });
    });
  }

  it('gives nothing for codes without docs, and no prototype keys', () => {
    const catalog = defineCatalog([
      [1, 400, 'invalid-request', 'never', '', 'one'],
      ['constructor', 400, 'invalid-request', 'never', '', 'two'],
    ]);
    const [one, two] = catalog.entries;
    expect(rowDocs({}, catalog, one!)).toBeUndefined();
    expect(rowDocs({}, catalog, two!)).toBeUndefined();
    expect(rowDocs(undefined, catalog, one!)).toBeUndefined();
    expect(rowDocs({ 1: { note: 'n' } }, catalog, one!)).toEqual({ note: 'n' });
  });
});

describe('defineCatalog rows', () => {
  it('refuses rows in the old shape (messageZh, then { outcome, note }) rather than lose an outcome', () => {
    const shape = /code 1: a row is \[code, status, kind, retry, name, message, \{ outcome \}\?\]/;
    expect(() => defineCatalog([[1, 200, 'unknown', 'never', '', 'ok', '成功' as never]])).toThrow(shape);
    const old = [1, 200, 'unknown', 'never', '', 'ok', undefined, { outcome: 'success' }] as const;
    expect(() => defineCatalog([old as never])).toThrow(shape);
    expect(defineCatalog([[1, 200, 'unknown', 'never', '', 'ok', { outcome: 'success' }]]).entries[0]?.outcome).toBe('success');
  });
});
