/**
 * `npm run codes`: writes adapters/<vendor>/codes.ts for every built-in adapter, from the built
 * catalogs (dist/, so run after `npm run build`). Each file is type-only: it adds no byte to a
 * bundle. test/adapters/codes.test.ts fails when a catalog changes and this was not re-run.
 */
import { writeFileSync } from 'node:fs';
import * as adapters from '../dist/adapters/index.js';
import { renderCodes } from './codes-render.ts';

for (const adapter of Object.values(adapters)) {
  const file = new URL(`../adapters/${adapter.name}/codes.ts`, import.meta.url);
  writeFileSync(file, renderCodes(adapter.name, adapter.displayName, adapter.catalog.entries));
  console.log(`codes: ${adapter.name}: ${adapter.catalog.entries.length} rows → adapters/${adapter.name}/codes.ts`);
}
