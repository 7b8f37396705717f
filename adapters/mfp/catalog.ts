/**
 * MCSL Future Protocol (MFP) daemon response codes, in the order of the vendor's tables
 * (test/fixtures/vendor-docs/mfp-daemon-retcodes.md). MFP runs over WebSocket: no HTTP status
 * (status 0 here). Code `0` (OK) is a success and has no row; `40000`–`59999` (reserved) and
 * `60000`–`99999` (implementation-defined) are ranges, not rows: see `statusOfCode`.
 */
import { type CatalogRow, defineCatalog } from '../../src/core/catalog.js';

const rows: readonly CatalogRow[] = [
  [10001, 0, 'invalid-request', 'never', 'BAD_REQUEST', 'Bad Request'],
  // An action the daemon does not know: resending it cannot make it exist.
  [10002, 0, 'not-implemented', 'never', 'UNKNOWN_ACTION', 'Unknown Action'],
  [10003, 0, 'permission-denied', 'never', 'PERMISSION_DENIED', 'Permission Denied'],
  // README: "may be transient". The daemon refuses the action before doing anything ("the
  // requested action is currently unavailable"), so any call may be sent again later.
  [10004, 0, 'unavailable', 'safe', 'ACTION_UNAVAILABLE', 'Action Unavailable'],
  // A rate limit is checked before acting; README: no retry hint is sent, so back off.
  [10005, 0, 'rate-limited', 'safe', 'RATE_LIMIT_EXCEEDED', 'Rate Limit Exceeded'],
  [10006, 0, 'invalid-request', 'never', 'PARAM_ERROR', 'Param Error'],
  [20001, 0, 'internal', 'idempotent', 'UNEXPECTED_ERROR', 'Unexpected Error'],
  [21001, 0, 'not-found', 'never', 'FILE_NOT_FOUND', 'File Not Found'],
  [21002, 0, 'conflict', 'never', 'FILE_ALREADY_EXISTS', 'File Already Exists'],
  // Held open by another operation (e.g. a running transfer) until that one ends: a state
  // conflict the caller resolves, not a seconds-long busy signal.
  [21003, 0, 'conflict', 'never', 'FILE_IN_USE', 'File In Use'],
  [21004, 0, 'invalid-request', 'never', 'ITS_A_DIRECTORY', "It's A Directory"],
  [21005, 0, 'invalid-request', 'never', 'ITS_A_FILE', "It's A File"],
  [21006, 0, 'permission-denied', 'never', 'FILE_ACCESS_DENIED', 'File Access Denied'],
  // Server storage is full: like HTTP 507, waiting does not free space.
  [21007, 0, 'quota-exceeded', 'never', 'DISK_FULL', 'Disk Full'],
  // README: 21101 and 21102 each mean two things (upload and download); both rows are kept.
  [21101, 0, 'conflict', 'never', 'ALREADY_UPLOADING', 'Already Uploading'],
  [21101, 0, 'conflict', 'never', 'ALREADY_DOWNLOADING', 'Already Downloading'],
  [21102, 0, 'precondition-failed', 'never', 'NOT_UPLOADING', 'Not Uploading'],
  [21102, 0, 'precondition-failed', 'never', 'NOT_DOWNLOADING', 'Not Downloading'],
  [21103, 0, 'payload-too-large', 'never', 'FILE_TOO_BIG', 'File Too Big'],
  [30001, 0, 'not-found', 'never', 'INSTANCE_NOT_FOUND', 'Instance Not Found'],
  [30002, 0, 'conflict', 'never', 'INSTANCE_ALREADY_EXISTS', 'Instance Already Exists'],
  [30003, 0, 'precondition-failed', 'never', 'BAD_INSTANCE_STATE', 'Bad Instance State'],
  // The instance's type never changes, so the same action on it always fails.
  [30004, 0, 'invalid-request', 'never', 'BAD_INSTANCE_TYPE', 'Bad Instance Type'],
  [31001, 0, 'internal', 'idempotent', 'INSTALLATION_ERROR', 'Installation Error'],
  [31002, 0, 'internal', 'idempotent', 'PROCESS_ERROR', 'Process Error'],
];

export const mfpCatalog = defineCatalog(rows);
