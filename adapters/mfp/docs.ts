/**
 * What MFP's table says that only people read: its Chinese messages, by code. The CLI (`npx
 * vendor-errors explain|list`) and the catalog tests read it; `normalize()` never does, so no user
 * bundle carries it (scripts/size.mjs checks). The rest of each row is in catalog.ts.
 */
import type { CatalogDocs } from '../../src/core/catalog-docs.js';

export const mfpDocs: CatalogDocs = {
  10001: { messageZh: '无效请求' },
  10002: { messageZh: '未知操作' },
  10003: { messageZh: '权限不足' },
  10004: { messageZh: '暂不可用' },
  10005: { messageZh: '频率过快' },
  10006: { messageZh: '参数错误' },
  20001: { messageZh: '意外错误' },
  21001: { messageZh: '文件不存在' },
  21002: { messageZh: '文件已存在' },
  21003: { messageZh: '文件已占用' },
  21004: { messageZh: '那是目录' },
  21005: { messageZh: '那是文件' },
  21006: { messageZh: '无法访问文件' },
  21007: { messageZh: '磁盘已满' },
  21101: [{ messageZh: '已在上传' }, { messageZh: '已在下载' }],
  21102: [{ messageZh: '不在上传' }, { messageZh: '不在下载' }],
  21103: { messageZh: '文件过大' },
  30001: { messageZh: '实例不存在' },
  30002: { messageZh: '实例已存在' },
  30003: { messageZh: '实例状态错误' },
  30004: { messageZh: '实例类型错误' },
  31001: { messageZh: '安装错误' },
  31002: { messageZh: '执行错误' },
};
