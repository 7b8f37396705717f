/** API Switch, a container-cloud API gateway. */
import { defineAdapter } from '../../src/core/adapter.js';
import { apiSwitchCatalog } from './catalog.js';
import { parseApiSwitch } from './parse.js';

export { apiSwitchCatalog } from './catalog.js';
export { parseApiSwitch } from './parse.js';

export const apiSwitch = defineAdapter({
  name: 'api-switch',
  displayName: 'API Switch',
  catalog: apiSwitchCatalog,
  parse: parseApiSwitch,
});
