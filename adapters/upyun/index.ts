import type { UpyunCodes } from './codes.js';
import { builtInAdapter } from '../../src/core/adapter.js';
import { upyunCatalog } from './catalog.js';
import { parseUpyun, upyunStatusOfCode } from './parse.js';

/** The codes of every row of the catalog, by kind: the `code` types of this adapter's errors. */
export type { UpyunCodes };

/**
 * UpYun (又拍云) REST storage API.
 *
 * @example
 * import { normalize } from 'vendor-errors';
 * import { upyun } from 'vendor-errors/adapters';
 * const err = normalize(upyun, { status: 429, body: '{"msg":"too many requests","code":42900001,"id":"abc"}' });
 * err?.kind; // 'rate-limited'
 */
export const upyun = builtInAdapter<UpyunCodes>({
  name: 'upyun',
  displayName: 'UpYun',
  catalog: upyunCatalog,
  parse: parseUpyun,
  // The origin sends X-Request-Id; CDN edges send X-Upyun-Request-Id. A body `id` wins over both.
  requestIdHeaders: ['x-request-id', 'x-upyun-request-id'],
  statusOfCode: upyunStatusOfCode,
});
