/**
 * What Baidu PCS's table says that only people read: its Chinese messages and our notes on rows we
 * read differently from the table, by code. The CLI (`npx vendor-errors explain|list`) and the
 * catalog tests read it; `normalize()` never does, so no user bundle carries it (scripts/size.mjs
 * checks). The rest of each row is in catalog.ts.
 */
import type { CatalogDocs } from '../../src/core/catalog-docs.js';

export const baiduPcsDocs: CatalogDocs = {
  0: { messageZh: '没有错误' },
  3: { messageZh: '不支持此接口' },
  4: { messageZh: '没有权限执行此操作' },
  5: { messageZh: 'IP未授权' },
  31001: { messageZh: '数据库查询错误' },
  31002: { messageZh: '数据库连接错误' },
  31003: {
    messageZh: '数据库返回空结果',
    note: 'Sent as 503, but an empty result set is deterministic (README: the 503 family mixes transient and deterministic failures).',
  },
  31021: { messageZh: '网络错误' },
  31022: { messageZh: '暂时无法连接服务器' },
  31023: { messageZh: '输入参数错误' },
  31024: { messageZh: 'app id为空' },
  31025: { messageZh: '后端存储错误' },
  31041: {
    messageZh: '用户的cookie不是合法的百度cookie',
    note: 'Sent as 403, but an invalid BDUSS cookie is a failed login, not a refused permission.',
  },
  31042: { messageZh: '用户未登陆', note: 'Sent as 403; the caller is not logged in, so this is authentication.' },
  31043: { messageZh: '用户未激活' },
  31044: { messageZh: '用户未授权' },
  31045: { messageZh: '用户不存在', note: 'Sent as 403; the user does not exist.' },
  31046: { messageZh: '用户已经存在', note: 'Sent as 403; the user already exists.' },
  31061: { messageZh: '文件已经存在' },
  31062: { messageZh: '文件名非法' },
  31063: { messageZh: '文件父目录不存在' },
  31064: { messageZh: '无权访问此文件' },
  31065: { messageZh: '目录已满' },
  31066: {
    messageZh: '文件不存在',
    note: 'The table says 403; real servers answer 404 (test/fixtures/vendor-docs/README.md). Either way it is not-found.',
  },
  31067: { messageZh: '文件处理出错' },
  31068: { messageZh: '文件创建失败' },
  31069: { messageZh: '文件拷贝失败' },
  31070: { messageZh: '文件删除失败' },
  31071: { messageZh: '不能读取文件元信息' },
  31072: { messageZh: '文件移动失败' },
  31073: { messageZh: '文件重命名失败' },
  31081: { messageZh: 'superfile创建失败' },
  31082: {
    messageZh: 'superfile 块列表为空',
    note: "Sent as 503, but an empty block list is the caller's mistake (README: deterministic member of the 503 family).",
  },
  31083: { messageZh: 'superfile 更新失败' },
  31101: { messageZh: 'tag系统内部错误' },
  31102: {
    messageZh: 'tag参数错误',
    note: 'Sent as 503, but a parameter error is deterministic (README: the 503 family mixes transient and deterministic failures).',
  },
  31103: { messageZh: 'tag系统错误' },
  31110: { messageZh: '未授权设置此目录配额' },
  31111: { messageZh: '配额管理只支持两级目录', note: '"sopport" is the table\'s typo for "support".' },
  31112: { messageZh: '超出配额' },
  31113: {
    messageZh: '配额不能超出目录祖先的配额',
    note: '"directorys" is the table\'s typo for "directories". Sent as 403, but the requested quota value is invalid.',
  },
  31114: {
    messageZh: '配额不能比子目录配额小',
    note: '"directorys" is the table\'s typo for "directories". Sent as 403, but the requested quota value is invalid.',
  },
  31141: { messageZh: '请求缩略图服务失败' },
  110: { messageZh: 'Access Token不正确或者已经过期' },
  111: {
    note: 'Not in the vendor table; documented in test/fixtures/vendor-docs/README.md ("111 (access token expired)"), no status given.',
  },
  31201: { messageZh: '签名错误', note: 'Sent as 400; a wrong signature is a failed credential check.' },
  31203: { messageZh: '设置acl失败' },
  31204: {
    messageZh: '请求acl验证失败',
    note: 'The Chinese text says the ACL check of the request failed, i.e. access refused; sent as 400.',
  },
  31205: { messageZh: '获取acl失败' },
  31079: {
    messageZh: '未找到文件MD5，请使用上传API上传整个文件。',
    note: 'The table splits the Chinese text over extra cells; joined here.',
  },
  31202: { messageZh: '文件不存在' },
  31206: { messageZh: 'acl不存在', note: "The English text repeats 31205's; the Chinese text says the ACL does not exist." },
  31207: { messageZh: 'bucket已存在' },
  31208: { messageZh: '用户请求错误' },
  31209: { messageZh: '服务器错误' },
  31210: { messageZh: '服务器不支持', note: '"not implement" as written: not implemented.' },
  31211: { messageZh: '禁止访问' },
  31212: { messageZh: '服务不可用' },
  31213: {
    messageZh: '重试出错',
    note: "The English text repeats 31212's; the Chinese text says the server's own retry failed.",
  },
  31214: { messageZh: '上传文件data失败' },
  31215: { messageZh: '上传文件meta失败' },
  31216: { messageZh: '下载文件data失败' },
  31217: { messageZh: '下载文件meta失败' },
  31218: { messageZh: '容量超出限额' },
  31219: { messageZh: '请求数超出限额', note: 'Sent as 403, but this is a rate limit (test/fixtures/vendor-docs/README.md).' },
  31220: {
    messageZh: '流量超出限额',
    note: 'Sent as 403; a traffic quota ("quota-like", test/fixtures/vendor-docs/README.md), not a per-second rate limit.',
  },
  31298: { messageZh: '服务器返回值KEY非法' },
  31299: { messageZh: '服务器返回值KEY不存在' },
};
