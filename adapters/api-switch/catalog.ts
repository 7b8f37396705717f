/**
 * API Switch error codes, in the order of the vendor's constant list
 * (test/fixtures/vendor-docs/api-switch-error-codes.md). The vendor documents no HTTP status
 * per code (status 0 here); names are its constants, the Chinese text of its comments is in
 * docs.ts.
 *
 * Kinds follow the meaning. "…failed" / "…异常" rows are server-side failures after the gateway
 * may have acted (internal, idempotent); busy and in-progress states are `unavailable`/`safe`
 * (test/fixtures/vendor-docs/README.md: 10220, 10322, 10326, 10327, 10353).
 * Each row is one `compactCatalog` line, `code|status|kind|NAME|outcome` (src/core/catalog.ts: an
 * empty code is the previous + 1, an empty status or kind repeats the previous row's); the English
 * messages are in docs.ts, out of every bundle (issue #14).
 */
import { compactCatalog } from '../../src/core/catalog.js';

export const apiSwitchCatalog = compactCatalog(
  '10001|0|i|ILLEGAL_PARAMETER\n' +
    '||n|SERVER_NOT_FOUND\n' +
    '|||ITEM_NOT_FOUND\n' +
    // README: "10004 is an internal error".
    '||e|INTERNAL_ERROR\n' +
    '||i|BADREQUEST\n' +
    '||p|FORBIDDEN\n' +
    '10101||a|TOKEN_INVALID\n' +
    '10202||c|APP_NAME_DUPLICATED\n' +
    '||i|APP_NAME_ERROR\n' +
    '|||APP_NAME_EMPTY\n' +
    '||n|APP_NOT_FOUND\n' +
    '||e|APP_SUBMIT_ERROR\n' +
    '||f|APP_STATE_ERROR\n' +
    '||n|APP_PORT_NOT_FOUND\n' +
    '||e|APP_KILL_ERROR\n' +
    '|||APP_DELETE_ERROR\n' +
    '||i|APP_RAMP_PARAM_ERROR\n' +
    '||e|APP_RAMPUP_ERROR\n' +
    '||i|APP_DATA_ERROR\n' +
    '|||APP_LOG_ERROR\n' +
    '|||APP_CMD_EMPTY\n' +
    '10301|||INVALID_INSTANCE_NUMBER\n' +
    '|||INVALID_VOL_PARAMETER\n' +
    // A missing field in the request, not a missing resource.
    '|||MOUNT_POINT_NOT_FOUND\n' +
    '|||INVALID_MOUNT_POINT_FORMAT\n' +
    '|||MOUNT_POINT_DUPLICATED\n' +
    // The disk's own state forbids use; nothing says waiting will change it.
    '||f|VOL_UNAVAILABLE\n' +
    '||e|VOL_SET_STATUS_ERROR\n' +
    '|||VOL_ATTACH_FAILED\n' +
    '||i|VOL_NAME_IS_NULL\n' +
    '||c|VOL_NAME_CONFLICT\n' +
    '||e|VOL_DELETE_FAILED\n' +
    '|||VOL_CREATE_FAILED\n' +
    '|||VOL_LIST_FAILED\n' +
    '|||VOL_GET_FAILED\n' +
    '|||VOL_DETACH_FAILED\n' +
    '||i|VOL_EXT_BAD_SIZE\n' +
    '||q|VOL_EXT_EXCEED_QUOTA\n' +
    '||f|VOL_EXT_BAD_VOL_STATUS\n' +
    '||e|VOL_EXT_FAILED\n' +
    // README: a progress notice, not a failure. The extension has started, so as a failure it
    // is only safe to repeat for idempotent calls (the vendor has acted).
    '||u|VOL_EXT_CONTINUE|p\n' +
    // Held until the user shuts the explorer down: not a few-seconds busy state.
    '||f|VOL_EXT_USED_BY_EXPLORER\n' +
    // README: busy state; the gateway refused before acting.
    '||us|VOL_EXT_ALREADY_EXTENDING\n' +
    '||f|VOL_EXT_BAD_APP_STATUS\n' +
    '||e|VOL_EXT_FAILED_EXTENDER\n' +
    '|||VOL_EXP_FAILED_EXPLORER\n' +
    // README: progress notice and busy state at once.
    '||us|VOL_EXP_WAIT|p\n' +
    // README: busy state; the gateway refused before acting.
    '|||VOL_EXP_VOL_BUSY\n' +
    '||k|VOL_EXP_READY|s\n' +
    '||e|VOL_UPDATE_FAILED\n' +
    '|||VOL_METADATA_GET_FAILED\n' +
    '|||VOL_SS_CREATE_FAILED\n' +
    '|||VOL_SS_UPDATE_FAILED\n' +
    '|||VOL_SS_DELETE_FAILED\n' +
    '|||VOL_SS_GET_FAILED\n' +
    '|||VOL_SS_LIST_FAILED\n' +
    '|||VOL_SERVER_ATTACHMENT_GET_FAILED\n' +
    '|||VOL_SERVER_ATTACHMENT_LIST_FAILED\n' +
    '||f|ALL_DEDICATED_VOLUME_EXPIRED\n' +
    '|||DEDICATED_VOL_EXPIRED\n' +
    '|||VOL_EXT_BAD_APP_INSTANCE_STATUS\n' +
    '||c|VOL_ALREADY_ATTACHED\n' +
    '||e|VOL_ROLLBACK_FAILED\n' +
    '|||VOL_CHECK_EXISTS_FAILED\n' +
    '||n|VOL_NOT_EXISTS\n' +
    '||e|VOL_GET_USAGE_FAILED\n' +
    '||i|VOL_SS_NAME_IS_NULL\n' +
    '||c|VOL_SS_NAME_CONFLICT\n' +
    '||i|VOL_FS_IS_NULL\n' +
    '|||VOL_FS_UNSUPPORTED\n' +
    '||e|VOL_SUM_LIST_FAILED\n' +
    '||f|VOL_SS_DELETE_VOL_EXIST\n' +
    '||e|VOL_EXPLORER_SHUTDOWN_FAILED\n' +
    // README: busy state; the gateway refused before acting.
    '||us|VOL_EXPLORER_STOPPING\n' +
    '||f|VOL_DELETE_SS_EXIST_FAILED\n' +
    '||i|VOL_BAD_NAME\n' +
    '|||VOL_SS_BAD_NAME\n' +
    '10501||c|QUOTA_PROJECT_EXIST\n' +
    '10509||n|PROJECT_NOT_EXIST\n' +
    '10601||i|YAML_SYNTAX_ERROR\n' +
    // The YAML uses syntax the gateway does not accept: the caller must change it.
    '|||SYNTAX_NOT_SUPPORT\n' +
    '||n|STACK_NOT_FOUND\n' +
    '||c|STACK_NAME_DUPLICATED\n' +
    '|||YAML_NAME_DUPLICATED\n' +
    '||i|STACK_NAME_ERROR\n' +
    '||n|YAML_NOT_FOUND\n' +
    '|||VOLUME_NOT_FOUND\n' +
    '||q|QUOTA_EXCEED\n' +
    '||i|NET_NOT_SUPPORT\n' +
    '|||IMAGE_NOT_SET\n' +
    '|||PORT_FORMAT_ERROR\n' +
    '|||DEPENDS_ERROR\n' +
    '|||DEPENDS_HAS_CYCLE\n' +
    '|||VOLUME_FORMAT_ERROR\n' +
    '|||YAML_NAME_ERROR\n' +
    '|||VOLUME_REUSE_ERROR\n' +
    '|||RESOURCE_ERROR\n' +
    '|||MOUNT_ERROR\n' +
    '|||MOUNT_ABS_ERROR\n' +
    // README: busy state ("submitting, cannot delete for now"); the gateway refused before acting.
    '10220||us|SUBMITTING_IN_PROGRESS\n' +
    '10911||c|CONFIGMAP_NAME_DUPLICATED\n' +
    '||i|CONFIGMAP_NAME_ERROR\n' +
    '|||CONFIGMAP_KEY_NAME_ERROR\n',
);
