/**
 * adapters/<vendor>/codes.ts are generated from the catalogs (`npm run codes`); this fails when
 * a catalog row is added, removed or re-kinded without regenerating them, so the code types
 * `normalize` gives never drift from what it can return.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as adapters from '../../adapters/index.js';
import { renderCodes } from '../../scripts/codes-render.ts';

describe('generated code types', () => {
  it.each(Object.values(adapters).map((a) => [a.name, a] as const))('%s: codes.ts matches the catalog', (name, adapter) => {
    const committed = readFileSync(new URL(`../../adapters/${name}/codes.ts`, import.meta.url), 'utf8');
    expect(committed, 'run `npm run codes`').toBe(renderCodes(name, adapter.displayName, adapter.catalog.entries));
  });

  it('every code of every catalog appears once, under its kind', () => {
    for (const adapter of Object.values(adapters)) {
      const text = renderCodes(adapter.name, adapter.displayName, adapter.catalog.entries);
      for (const entry of adapter.catalog.entries) {
        const member = text
          .split(/\n {2}readonly /)
          .find((m) => m.startsWith(`'${entry.kind}'`) || m.startsWith(`${entry.kind}:`));
        expect(member, `${adapter.name} ${entry.code}`).toMatch(new RegExp(`[ |]${entry.code}(\\n|;| )`));
      }
    }
  });
});
