/**
 * MCSL Future Protocol (MFP) daemon response codes, in the order of the vendor's tables
 * (test/fixtures/vendor-docs/mfp-daemon-retcodes.md). MFP runs over WebSocket: no HTTP status
 * (status 0 here). Code `0` (OK) is a success and has no row; `40000`–`59999` (reserved) and
 * `60000`–`99999` (implementation-defined) are ranges, not rows: see `statusOfCode`.
 * Each row is one `compactCatalog` line, `code|status|kind|NAME|outcome` (src/core/catalog.ts: an
 * empty code is the previous + 1, an empty status or kind repeats the previous row's); the English
 * messages are in docs.ts, out of every bundle (issue #14).
 */
import { compactCatalog } from '../../src/core/catalog.js';

export const mfpCatalog = compactCatalog(
  '10001|0|i|BAD_REQUEST\n' +
    // An action the daemon does not know: resending it cannot make it exist.
    '||m|UNKNOWN_ACTION\n' +
    '||p|PERMISSION_DENIED\n' +
    // README: "may be transient". The daemon refuses the action before doing anything ("the
    // requested action is currently unavailable"), so any call may be sent again later.
    '||us|ACTION_UNAVAILABLE\n' +
    // A rate limit is checked before acting; README: no retry hint is sent, so back off.
    '||r|RATE_LIMIT_EXCEEDED\n' +
    '||i|PARAM_ERROR\n' +
    '20001||e|UNEXPECTED_ERROR\n' +
    '21001||n|FILE_NOT_FOUND\n' +
    '||c|FILE_ALREADY_EXISTS\n' +
    // Held open by another operation (e.g. a running transfer) until that one ends: a state
    // conflict the caller resolves, not a seconds-long busy signal.
    '|||FILE_IN_USE\n' +
    '||i|ITS_A_DIRECTORY\n' +
    '|||ITS_A_FILE\n' +
    '||p|FILE_ACCESS_DENIED\n' +
    // Server storage is full: like HTTP 507, waiting does not free space.
    '||q|DISK_FULL\n' +
    // README: 21101 and 21102 each mean two things (upload and download); both rows are kept.
    '21101||c|ALREADY_UPLOADING\n' +
    '21101|||ALREADY_DOWNLOADING\n' +
    '||f|NOT_UPLOADING\n' +
    '21102|||NOT_DOWNLOADING\n' +
    '||l|FILE_TOO_BIG\n' +
    '30001||n|INSTANCE_NOT_FOUND\n' +
    '||c|INSTANCE_ALREADY_EXISTS\n' +
    '||f|BAD_INSTANCE_STATE\n' +
    // The instance's type never changes, so the same action on it always fails.
    '||i|BAD_INSTANCE_TYPE\n' +
    '31001||e|INSTALLATION_ERROR\n' +
    '|||PROCESS_ERROR\n',
);
