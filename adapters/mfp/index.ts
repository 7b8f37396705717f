/** MCSL Future Protocol (MFP), the daemon protocol of MCServerLauncher Future: JSON over WebSocket. */
import { defineAdapter } from '../../src/core/adapter.js';
import { mfpCatalog } from './catalog.js';
import { chooseMfp, mfpStatusOfCode, parseMfp } from './parse.js';

export { mfpCatalog } from './catalog.js';
export { chooseMfp, mfpStatusOfCode, parseMfp } from './parse.js';

export const mfp = defineAdapter({
  name: 'mfp',
  displayName: 'MFP',
  catalog: mfpCatalog,
  parse: parseMfp,
  choose: chooseMfp,
  statusOfCode: mfpStatusOfCode,
});
