import * as builtIn from '../../adapters/index.js';
import type { Adapter } from '../core/adapter.js';

/** The adapters the CLI knows, by their `name` (`baidu-pcs`), in a stable order. */
export const ADAPTERS: ReadonlyMap<string, Adapter> = new Map(
  Object.values(builtIn as Record<string, Adapter>)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => [a.name, a]),
);
