/**
 * The five built-in vendor adapters. Each is its own module, so a bundle that imports one
 * carries only that vendor's catalog. A new vendor is a new folder and one line here.
 */
export { upyun, type UpyunCodes } from './upyun/index.js';
export { baiduPcs, type BaiduPcsCodes } from './baidu-pcs/index.js';
export { netease, type NeteaseCodes } from './netease/index.js';
export { apiSwitch, type ApiSwitchCodes } from './api-switch/index.js';
export { mfp, type MfpCodes } from './mfp/index.js';
