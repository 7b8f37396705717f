/** Baidu PCS (个人云存储) file data API. */
import type { BaiduPcsCodes } from './codes.js';
import { builtInAdapter } from '../../src/core/adapter.js';
import { baiduPcsCatalog } from './catalog.js';
import { parseBaiduPcs } from './parse.js';

/** The codes of every row of the catalog, by kind: the `code` types of this adapter's errors. */
export type { BaiduPcsCodes };

export { baiduPcsCatalog } from './catalog.js';
export { parseBaiduPcs } from './parse.js';

export const baiduPcs = builtInAdapter<BaiduPcsCodes>({
  name: 'baidu-pcs',
  displayName: 'Baidu PCS',
  catalog: baiduPcsCatalog,
  parse: parseBaiduPcs,
  // README: "Errors sometimes arrive with HTTP 200"; integrations must read 2xx bodies.
  errorsInSuccess: true,
});
