/**
 * The documentation halves of the built-in catalogs (Chinese messages, notes), by adapter name.
 * Deliberately not imported by `./index.ts`: only the CLI and the tests load them, so user
 * bundles carry only what `normalize()` reads. A new vendor adds a line.
 */
import type { CatalogDocs } from '../src/core/catalog-docs.js';
import { apiSwitchDocs } from './api-switch/docs.js';
import { baiduPcsDocs } from './baidu-pcs/docs.js';
import { mfpDocs } from './mfp/docs.js';
import { neteaseDocs } from './netease/docs.js';
import { upyunDocs } from './upyun/docs.js';

export const DOCS: Readonly<Record<string, CatalogDocs>> = {
  'api-switch': apiSwitchDocs,
  'baidu-pcs': baiduPcsDocs,
  mfp: mfpDocs,
  netease: neteaseDocs,
  upyun: upyunDocs,
};
