/** MCSL Future Protocol (MFP), the daemon protocol of MCServerLauncher Future: JSON over WebSocket. */
import type { MfpCodes } from './codes.js';
import { builtInAdapter } from '../../src/core/adapter.js';
import { mfpCatalog } from './catalog.js';
import { chooseMfp, mfpStatusOfCode, parseMfp } from './parse.js';

/** The codes of every row of the catalog, by kind: the `code` types of this adapter's errors. */
export type { MfpCodes };

export { mfpCatalog } from './catalog.js';
export { chooseMfp, mfpStatusOfCode, parseMfp } from './parse.js';

export const mfp = builtInAdapter<MfpCodes>({
  name: 'mfp',
  displayName: 'MFP',
  catalog: mfpCatalog,
  parse: parseMfp,
  choose: chooseMfp,
  statusOfCode: mfpStatusOfCode,
});
