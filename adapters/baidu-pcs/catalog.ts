/**
 * Baidu PCS (个人云存储) file data API error codes, in the order of the vendor's table
 * (test/fixtures/vendor-docs/baidu-pcs-file-api-errors.md), plus `111` from the wire notes.
 *
 * Kinds follow what a code means, not its status: Baidu sends rate limits and quotas as 403
 * and mixes transient and deterministic failures under 503 (test/fixtures/vendor-docs/README.md).
 */
import { type CatalogRow, defineCatalog } from '../../src/core/catalog.js';

const rows: readonly CatalogRow[] = [
  [0, 200, 'unknown', 'never', '', 'no error', { outcome: 'success' }],
  // An endpoint this app may not call: asking again cannot make it exist.
  [3, 400, 'not-implemented', 'never', '', 'Unsupported open api'],
  [4, 403, 'permission-denied', 'never', '', 'No permission to do this operation'],
  [5, 403, 'permission-denied', 'never', '', 'Unauthorized client IP address'],
  [31001, 503, 'unavailable', 'idempotent', '', 'db query error'],
  [31002, 503, 'unavailable', 'idempotent', '', 'db connect error'],
  // The query ran and found nothing: the same request finds nothing again.
  [31003, 503, 'not-found', 'never', '', 'db result set is empty'],
  [31021, 503, 'unavailable', 'idempotent', '', 'network error'],
  [31022, 503, 'unavailable', 'idempotent', '', 'can not access server'],
  [31023, 400, 'invalid-request', 'never', '', 'param error'],
  [31024, 400, 'invalid-request', 'never', '', 'app id is empty'],
  [31025, 503, 'unavailable', 'idempotent', '', 'bcs error'],
  [31041, 403, 'unauthenticated', 'never', '', 'bduss is invalid'],
  [31042, 403, 'unauthenticated', 'never', '', 'user is not login'],
  [31043, 403, 'permission-denied', 'never', '', 'user is not active'],
  [31044, 403, 'permission-denied', 'never', '', 'user is not authorized'],
  [31045, 403, 'not-found', 'never', '', 'user not exists'],
  [31046, 403, 'conflict', 'never', '', 'user already exists'],
  [31061, 400, 'conflict', 'never', '', 'file already exists'],
  [31062, 400, 'invalid-request', 'never', '', 'file name is invalid'],
  [31063, 400, 'not-found', 'never', '', 'file parent path does not exist'],
  [31064, 403, 'permission-denied', 'never', '', 'file is not authorized'],
  // A directory's entry limit: waiting does not free room, only deleting does.
  [31065, 400, 'quota-exceeded', 'never', '', 'directory is full'],
  [31066, 403, 'not-found', 'never', '', 'file does not exist'],
  [31067, 503, 'unavailable', 'idempotent', '', 'file deal failed'],
  [31068, 503, 'unavailable', 'idempotent', '', 'file create failed'],
  [31069, 503, 'unavailable', 'idempotent', '', 'file copy failed'],
  [31070, 503, 'unavailable', 'idempotent', '', 'file delete failed'],
  [31071, 503, 'unavailable', 'idempotent', '', 'get file meta failed'],
  [31072, 503, 'unavailable', 'idempotent', '', 'file move failed'],
  [31073, 503, 'unavailable', 'idempotent', '', 'file rename failed'],
  [31081, 503, 'unavailable', 'idempotent', '', 'superfile create failed'],
  // The request itself is wrong (no blocks to merge); resending it fails the same way.
  [31082, 503, 'invalid-request', 'never', '', 'superfile block list is empty'],
  [31083, 503, 'unavailable', 'idempotent', '', 'superfile update failed'],
  [31101, 503, 'internal', 'idempotent', '', 'tag internal error'],
  [31102, 503, 'invalid-request', 'never', '', 'tag param error'],
  [31103, 503, 'unavailable', 'idempotent', '', 'tag database error'],
  [31110, 403, 'permission-denied', 'never', '', 'access denied to set quota'],
  [31111, 400, 'invalid-request', 'never', '', 'quota only sopport 2 level directories'],
  [31112, 400, 'quota-exceeded', 'never', '', 'exceed quota'],
  // Setting a quota that contradicts the tree: the value asked for is invalid.
  [31113, 403, 'invalid-request', 'never', '', 'the quota is bigger than one of its parent directorys'],
  [31114, 403, 'invalid-request', 'never', '', 'the quota is smaller than one of its sub directorys'],
  [31141, 503, 'internal', 'idempotent', '', 'thumbnail failed, internal error'],
  [110, 401, 'unauthenticated', 'never', '', 'Access token invalid or no longer valid'],
  // Not in the table: test/fixtures/vendor-docs/README.md lists 111 next to 110, with no status.
  [111, 0, 'unauthenticated', 'never', '', 'Access token expired'],
  // A bad signature is a failed credential check, whatever the 400 says.
  [31201, 400, 'unauthenticated', 'never', '', 'signature error'],
  [31203, 400, 'invalid-request', 'never', '', 'acl put error'],
  [31204, 400, 'permission-denied', 'never', '', 'acl query error'],
  [31205, 400, 'invalid-request', 'never', '', 'acl get error'],
  [
    31079,
    404,
    'not-found',
    'never',
    'FILE_MD5_NOT_FOUND',
    'File md5 not found, you should use upload API to upload the whole file.',
  ],
  [31202, 404, 'not-found', 'never', '', 'object not exists'],
  [31206, 404, 'not-found', 'never', '', 'acl get error'],
  [31207, 400, 'conflict', 'never', '', 'bucket already exists'],
  [31208, 400, 'invalid-request', 'never', '', 'bad request'],
  [31209, 500, 'internal', 'idempotent', '', 'baidubs internal error'],
  [31210, 501, 'not-implemented', 'never', '', 'not implement'],
  [31211, 403, 'permission-denied', 'never', '', 'access denied'],
  [31212, 503, 'unavailable', 'idempotent', '', 'service unavailable'],
  [31213, 503, 'unavailable', 'idempotent', '', 'service unavailable'],
  [31214, 503, 'unavailable', 'idempotent', '', 'put object data error'],
  [31215, 503, 'unavailable', 'idempotent', '', 'put object meta error'],
  [31216, 503, 'unavailable', 'idempotent', '', 'get object data error'],
  [31217, 503, 'unavailable', 'idempotent', '', 'get object meta error'],
  // Storage and transfer limits are quotas (README: "quota-like"): waiting seconds does not lift them.
  [31218, 403, 'quota-exceeded', 'never', '', 'storage exceed limit'],
  // README: rate limits arrive as 403. The server refused before acting, so any call may retry.
  [31219, 403, 'rate-limited', 'safe', '', 'request exceed limit'],
  [31220, 403, 'quota-exceeded', 'never', '', 'transfer exceed limit'],
  [31298, 500, 'internal', 'idempotent', '', 'the value of KEY[VALUE] in pcs response headers is invalid'],
  [31299, 500, 'internal', 'idempotent', '', 'no KEY in pcs response headers'],
];

export const baiduPcsCatalog = defineCatalog(rows);
