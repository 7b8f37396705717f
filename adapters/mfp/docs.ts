/**
 * What MFP's table says that only people read: the English messages and its Chinese ones, by
 * code. The CLI (`npx vendor-errors explain|list`) and the catalog tests read it; `normalize()` never does, so no user
 * bundle carries it (scripts/size.mjs checks). The rest of each row is in catalog.ts.
 */
import type { CatalogDocs } from '../../src/core/catalog-docs.js';

export const mfpDocs: CatalogDocs = {
  10001: { message: 'Bad Request', messageZh: '无效请求' },
  10002: { message: 'Unknown Action', messageZh: '未知操作' },
  10003: { message: 'Permission Denied', messageZh: '权限不足' },
  10004: { message: 'Action Unavailable', messageZh: '暂不可用' },
  10005: { message: 'Rate Limit Exceeded', messageZh: '频率过快' },
  10006: { message: 'Param Error', messageZh: '参数错误' },
  20001: { message: 'Unexpected Error', messageZh: '意外错误' },
  21001: { message: 'File Not Found', messageZh: '文件不存在' },
  21002: { message: 'File Already Exists', messageZh: '文件已存在' },
  21003: { message: 'File In Use', messageZh: '文件已占用' },
  21004: { message: "It's A Directory", messageZh: '那是目录' },
  21005: { message: "It's A File", messageZh: '那是文件' },
  21006: { message: 'File Access Denied', messageZh: '无法访问文件' },
  21007: { message: 'Disk Full', messageZh: '磁盘已满' },
  21101: [
    { message: 'Already Uploading', messageZh: '已在上传' },
    { message: 'Already Downloading', messageZh: '已在下载' },
  ],
  21102: [
    { message: 'Not Uploading', messageZh: '不在上传' },
    { message: 'Not Downloading', messageZh: '不在下载' },
  ],
  21103: { message: 'File Too Big', messageZh: '文件过大' },
  30001: { message: 'Instance Not Found', messageZh: '实例不存在' },
  30002: { message: 'Instance Already Exists', messageZh: '实例已存在' },
  30003: { message: 'Bad Instance State', messageZh: '实例状态错误' },
  30004: { message: 'Bad Instance Type', messageZh: '实例类型错误' },
  31001: { message: 'Installation Error', messageZh: '安装错误' },
  31002: { message: 'Process Error', messageZh: '执行错误' },
};
