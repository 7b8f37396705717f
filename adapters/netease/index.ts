import type { NeteaseCodes } from './codes.js';
import { builtInAdapter } from '../../src/core/adapter.js';
import { neteaseCatalog } from './catalog.js';
import { neteaseStatusOfCode, parseNetease } from './parse.js';

/** The codes of every row of the catalog, by kind: the `code` types of this adapter's errors. */
export type { NeteaseCodes };

/**
 * NetEase CloudComb (网易蜂巢) container OpenAPI.
 *
 * @example
 * import { normalize } from 'vendor-errors';
 * import { netease } from 'vendor-errors/adapters';
 * const err = normalize(netease, { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
 * err?.kind;  // 'rate-limited' (sent as 403)
 * err?.retry; // 'safe'
 */
export const netease = builtInAdapter<NeteaseCodes>({
  name: 'netease',
  displayName: 'NetEase CloudComb',
  catalog: neteaseCatalog,
  parse: parseNetease,
  // No request id in the body; a gateway in front may add x-request-id.
  requestIdHeaders: ['x-request-id'],
  statusOfCode: neteaseStatusOfCode,
});
