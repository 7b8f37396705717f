/**
 * Baidu PCS (个人云存储) file data API error codes, in the order of the vendor's table
 * (test/fixtures/vendor-docs/baidu-pcs-file-api-errors.md), plus `111` from the wire notes.
 *
 * Kinds follow what a code means, not its status: Baidu sends rate limits and quotas as 403
 * and mixes transient and deterministic failures under 503 (shared/vendor-docs/README.md).
 */
import { type CatalogRow, defineCatalog } from '../../src/core/catalog.js';

const rows: readonly CatalogRow[] = [
  [0, 200, 'unknown', 'never', '', 'no error', '没有错误', { outcome: 'success' }],
  // An endpoint this app may not call: asking again cannot make it exist.
  [3, 400, 'not-implemented', 'never', '', 'Unsupported open api', '不支持此接口'],
  [4, 403, 'permission-denied', 'never', '', 'No permission to do this operation', '没有权限执行此操作'],
  [5, 403, 'permission-denied', 'never', '', 'Unauthorized client IP address', 'IP未授权'],
  [31001, 503, 'unavailable', 'idempotent', '', 'db query error', '数据库查询错误'],
  [31002, 503, 'unavailable', 'idempotent', '', 'db connect error', '数据库连接错误'],
  // The query ran and found nothing: the same request finds nothing again.
  [
    31003,
    503,
    'not-found',
    'never',
    '',
    'db result set is empty',
    '数据库返回空结果',
    {
      note: 'Sent as 503, but an empty result set is deterministic (README: the 503 family mixes transient and deterministic failures).',
    },
  ],
  [31021, 503, 'unavailable', 'idempotent', '', 'network error', '网络错误'],
  [31022, 503, 'unavailable', 'idempotent', '', 'can not access server', '暂时无法连接服务器'],
  [31023, 400, 'invalid-request', 'never', '', 'param error', '输入参数错误'],
  [31024, 400, 'invalid-request', 'never', '', 'app id is empty', 'app id为空'],
  [31025, 503, 'unavailable', 'idempotent', '', 'bcs error', '后端存储错误'],
  [
    31041,
    403,
    'unauthenticated',
    'never',
    '',
    'bduss is invalid',
    '用户的cookie不是合法的百度cookie',
    {
      note: 'Sent as 403, but an invalid BDUSS cookie is a failed login, not a refused permission.',
    },
  ],
  [
    31042,
    403,
    'unauthenticated',
    'never',
    '',
    'user is not login',
    '用户未登陆',
    {
      note: 'Sent as 403; the caller is not logged in, so this is authentication.',
    },
  ],
  [31043, 403, 'permission-denied', 'never', '', 'user is not active', '用户未激活'],
  [31044, 403, 'permission-denied', 'never', '', 'user is not authorized', '用户未授权'],
  [31045, 403, 'not-found', 'never', '', 'user not exists', '用户不存在', { note: 'Sent as 403; the user does not exist.' }],
  [31046, 403, 'conflict', 'never', '', 'user already exists', '用户已经存在', { note: 'Sent as 403; the user already exists.' }],
  [31061, 400, 'conflict', 'never', '', 'file already exists', '文件已经存在'],
  [31062, 400, 'invalid-request', 'never', '', 'file name is invalid', '文件名非法'],
  [31063, 400, 'not-found', 'never', '', 'file parent path does not exist', '文件父目录不存在'],
  [31064, 403, 'permission-denied', 'never', '', 'file is not authorized', '无权访问此文件'],
  // A directory's entry limit: waiting does not free room, only deleting does.
  [31065, 400, 'quota-exceeded', 'never', '', 'directory is full', '目录已满'],
  [
    31066,
    403,
    'not-found',
    'never',
    '',
    'file does not exist',
    '文件不存在',
    {
      note: 'The table says 403; real servers answer 404 (shared/vendor-docs/README.md). Either way it is not-found.',
    },
  ],
  [31067, 503, 'unavailable', 'idempotent', '', 'file deal failed', '文件处理出错'],
  [31068, 503, 'unavailable', 'idempotent', '', 'file create failed', '文件创建失败'],
  [31069, 503, 'unavailable', 'idempotent', '', 'file copy failed', '文件拷贝失败'],
  [31070, 503, 'unavailable', 'idempotent', '', 'file delete failed', '文件删除失败'],
  [31071, 503, 'unavailable', 'idempotent', '', 'get file meta failed', '不能读取文件元信息'],
  [31072, 503, 'unavailable', 'idempotent', '', 'file move failed', '文件移动失败'],
  [31073, 503, 'unavailable', 'idempotent', '', 'file rename failed', '文件重命名失败'],
  [31081, 503, 'unavailable', 'idempotent', '', 'superfile create failed', 'superfile创建失败'],
  // The request itself is wrong (no blocks to merge); resending it fails the same way.
  [
    31082,
    503,
    'invalid-request',
    'never',
    '',
    'superfile block list is empty',
    'superfile 块列表为空',
    {
      note: "Sent as 503, but an empty block list is the caller's mistake (README: deterministic member of the 503 family).",
    },
  ],
  [31083, 503, 'unavailable', 'idempotent', '', 'superfile update failed', 'superfile 更新失败'],
  [31101, 503, 'internal', 'idempotent', '', 'tag internal error', 'tag系统内部错误'],
  [
    31102,
    503,
    'invalid-request',
    'never',
    '',
    'tag param error',
    'tag参数错误',
    {
      note: 'Sent as 503, but a parameter error is deterministic (README: the 503 family mixes transient and deterministic failures).',
    },
  ],
  [31103, 503, 'unavailable', 'idempotent', '', 'tag database error', 'tag系统错误'],
  [31110, 403, 'permission-denied', 'never', '', 'access denied to set quota', '未授权设置此目录配额'],
  [
    31111,
    400,
    'invalid-request',
    'never',
    '',
    'quota only sopport 2 level directories',
    '配额管理只支持两级目录',
    {
      note: '"sopport" is the table\'s typo for "support".',
    },
  ],
  [31112, 400, 'quota-exceeded', 'never', '', 'exceed quota', '超出配额'],
  // Setting a quota that contradicts the tree: the value asked for is invalid.
  [
    31113,
    403,
    'invalid-request',
    'never',
    '',
    'the quota is bigger than one of its parent directorys',
    '配额不能超出目录祖先的配额',
    {
      note: '"directorys" is the table\'s typo for "directories". Sent as 403, but the requested quota value is invalid.',
    },
  ],
  [
    31114,
    403,
    'invalid-request',
    'never',
    '',
    'the quota is smaller than one of its sub directorys',
    '配额不能比子目录配额小',
    {
      note: '"directorys" is the table\'s typo for "directories". Sent as 403, but the requested quota value is invalid.',
    },
  ],
  [31141, 503, 'internal', 'idempotent', '', 'thumbnail failed, internal error', '请求缩略图服务失败'],
  [110, 401, 'unauthenticated', 'never', '', 'Access token invalid or no longer valid', 'Access Token不正确或者已经过期'],
  // Not in the table: shared/vendor-docs/README.md lists 111 next to 110, with no status.
  [
    111,
    0,
    'unauthenticated',
    'never',
    '',
    'Access token expired',
    '',
    {
      note: 'Not in the vendor table; documented in shared/vendor-docs/README.md ("111 (access token expired)"), no status given.',
    },
  ],
  // A bad signature is a failed credential check, whatever the 400 says.
  [
    31201,
    400,
    'unauthenticated',
    'never',
    '',
    'signature error',
    '签名错误',
    {
      note: 'Sent as 400; a wrong signature is a failed credential check.',
    },
  ],
  [31203, 400, 'invalid-request', 'never', '', 'acl put error', '设置acl失败'],
  [
    31204,
    400,
    'permission-denied',
    'never',
    '',
    'acl query error',
    '请求acl验证失败',
    {
      note: 'The Chinese text says the ACL check of the request failed, i.e. access refused; sent as 400.',
    },
  ],
  [31205, 400, 'invalid-request', 'never', '', 'acl get error', '获取acl失败'],
  [
    31079,
    404,
    'not-found',
    'never',
    'FILE_MD5_NOT_FOUND',
    'File md5 not found, you should use upload API to upload the whole file.',
    '未找到文件MD5，请使用上传API上传整个文件。',
    {
      note: 'The table splits the Chinese text over extra cells; joined here.',
    },
  ],
  [31202, 404, 'not-found', 'never', '', 'object not exists', '文件不存在'],
  [
    31206,
    404,
    'not-found',
    'never',
    '',
    'acl get error',
    'acl不存在',
    {
      note: "The English text repeats 31205's; the Chinese text says the ACL does not exist.",
    },
  ],
  [31207, 400, 'conflict', 'never', '', 'bucket already exists', 'bucket已存在'],
  [31208, 400, 'invalid-request', 'never', '', 'bad request', '用户请求错误'],
  [31209, 500, 'internal', 'idempotent', '', 'baidubs internal error', '服务器错误'],
  [
    31210,
    501,
    'not-implemented',
    'never',
    '',
    'not implement',
    '服务器不支持',
    { note: '"not implement" as written: not implemented.' },
  ],
  [31211, 403, 'permission-denied', 'never', '', 'access denied', '禁止访问'],
  [31212, 503, 'unavailable', 'idempotent', '', 'service unavailable', '服务不可用'],
  [
    31213,
    503,
    'unavailable',
    'idempotent',
    '',
    'service unavailable',
    '重试出错',
    {
      note: "The English text repeats 31212's; the Chinese text says the server's own retry failed.",
    },
  ],
  [31214, 503, 'unavailable', 'idempotent', '', 'put object data error', '上传文件data失败'],
  [31215, 503, 'unavailable', 'idempotent', '', 'put object meta error', '上传文件meta失败'],
  [31216, 503, 'unavailable', 'idempotent', '', 'get object data error', '下载文件data失败'],
  [31217, 503, 'unavailable', 'idempotent', '', 'get object meta error', '下载文件meta失败'],
  // Storage and transfer limits are quotas (README: "quota-like"): waiting seconds does not lift them.
  [31218, 403, 'quota-exceeded', 'never', '', 'storage exceed limit', '容量超出限额'],
  // README: rate limits arrive as 403. The server refused before acting, so any call may retry.
  [
    31219,
    403,
    'rate-limited',
    'safe',
    '',
    'request exceed limit',
    '请求数超出限额',
    {
      note: 'Sent as 403, but this is a rate limit (shared/vendor-docs/README.md).',
    },
  ],
  [
    31220,
    403,
    'quota-exceeded',
    'never',
    '',
    'transfer exceed limit',
    '流量超出限额',
    {
      note: 'Sent as 403; a traffic quota ("quota-like", shared/vendor-docs/README.md), not a per-second rate limit.',
    },
  ],
  [31298, 500, 'internal', 'idempotent', '', 'the value of KEY[VALUE] in pcs response headers is invalid', '服务器返回值KEY非法'],
  [31299, 500, 'internal', 'idempotent', '', 'no KEY in pcs response headers', '服务器返回值KEY不存在'],
];

export const baiduPcsCatalog = defineCatalog(rows);
