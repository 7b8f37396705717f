/**
 * The five built-in vendor adapters. Each is its own module, so a bundle that imports one
 * carries only that vendor's catalog. A new vendor is a new folder and one line here.
 */
export { upyun } from './upyun/index.js';
export { baiduPcs } from './baidu-pcs/index.js';
export { netease } from './netease/index.js';
export { apiSwitch } from './api-switch/index.js';
export { mfp } from './mfp/index.js';
