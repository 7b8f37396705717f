/** Baidu PCS (个人云存储) file data API. */
import { defineAdapter } from '../../src/core/adapter.js';
import { baiduPcsCatalog } from './catalog.js';
import { parseBaiduPcs } from './parse.js';

export { baiduPcsCatalog } from './catalog.js';
export { parseBaiduPcs } from './parse.js';

export const baiduPcs = defineAdapter({
  name: 'baidu-pcs',
  displayName: 'Baidu PCS',
  catalog: baiduPcsCatalog,
  parse: parseBaiduPcs,
  // README: "Errors sometimes arrive with HTTP 200"; integrations must read 2xx bodies.
  errorsInSuccess: true,
});
