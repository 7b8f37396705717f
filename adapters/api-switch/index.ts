/** API Switch, a container-cloud API gateway. */
import type { ApiSwitchCodes } from './codes.js';
import { builtInAdapter } from '../../src/core/adapter.js';
import { apiSwitchCatalog } from './catalog.js';
import { parseApiSwitch } from './parse.js';

/** The codes of every row of the catalog, by kind: the `code` types of this adapter's errors. */
export type { ApiSwitchCodes };

export { apiSwitchCatalog } from './catalog.js';
export { parseApiSwitch } from './parse.js';

export const apiSwitch = builtInAdapter<ApiSwitchCodes>({
  name: 'api-switch',
  displayName: 'API Switch',
  catalog: apiSwitchCatalog,
  parse: parseApiSwitch,
});
