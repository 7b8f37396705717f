/**
 * Baidu PCS (个人云存储) file data API error codes, in the order of the vendor's table
 * (test/fixtures/vendor-docs/baidu-pcs-file-api-errors.md), plus `111` from the wire notes.
 *
 * Kinds follow what a code means, not its status: Baidu sends rate limits and quotas as 403
 * and mixes transient and deterministic failures under 503 (test/fixtures/vendor-docs/README.md).
 * Each row is one `compactCatalog` line, `code|status|kind|NAME|outcome` (src/core/catalog.ts: an
 * empty code is the previous + 1, an empty status or kind repeats the previous row's); the English
 * messages are in docs.ts, out of every bundle (issue #14).
 */
import { compactCatalog } from '../../src/core/catalog.js';

export const baiduPcsCatalog = compactCatalog(
  '0|200|k|NO_ERROR|s\n' +
    // An endpoint this app may not call: asking again cannot make it exist.
    '3|400|m|UNSUPPORTED_OPEN_API\n' +
    '|403|p|NO_PERMISSION_TO_DO_THIS_OPERATION\n' +
    '|||UNAUTHORIZED_CLIENT_IP_ADDRESS\n' +
    '31001|503|u|DB_QUERY_ERROR\n' +
    '|||DB_CONNECT_ERROR\n' +
    // The query ran and found nothing: the same request finds nothing again.
    '||n|DB_RESULT_SET_IS_EMPTY\n' +
    '31021||u|NETWORK_ERROR\n' +
    '|||CAN_NOT_ACCESS_SERVER\n' +
    '|400|i|PARAM_ERROR\n' +
    '|||APP_ID_IS_EMPTY\n' +
    '|503|u|BCS_ERROR\n' +
    '31041|403|a|BDUSS_IS_INVALID\n' +
    '|||USER_IS_NOT_LOGIN\n' +
    '||p|USER_IS_NOT_ACTIVE\n' +
    '|||USER_IS_NOT_AUTHORIZED\n' +
    '||n|USER_NOT_EXISTS\n' +
    '||c|USER_ALREADY_EXISTS\n' +
    '31061|400||FILE_ALREADY_EXISTS\n' +
    '||i|FILE_NAME_IS_INVALID\n' +
    '||n|FILE_PARENT_PATH_DOES_NOT_EXIST\n' +
    '|403|p|FILE_IS_NOT_AUTHORIZED\n' +
    // A directory's entry limit: waiting does not free room, only deleting does.
    '|400|q|DIRECTORY_IS_FULL\n' +
    '|403|n|FILE_DOES_NOT_EXIST\n' +
    '|503|u|FILE_DEAL_FAILED\n' +
    '|||FILE_CREATE_FAILED\n' +
    '|||FILE_COPY_FAILED\n' +
    '|||FILE_DELETE_FAILED\n' +
    '|||GET_FILE_META_FAILED\n' +
    '|||FILE_MOVE_FAILED\n' +
    '|||FILE_RENAME_FAILED\n' +
    '31081|||SUPERFILE_CREATE_FAILED\n' +
    // The request itself is wrong (no blocks to merge); resending it fails the same way.
    '||i|SUPERFILE_BLOCK_LIST_IS_EMPTY\n' +
    '||u|SUPERFILE_UPDATE_FAILED\n' +
    '31101||e|TAG_INTERNAL_ERROR\n' +
    '||i|TAG_PARAM_ERROR\n' +
    '||u|TAG_DATABASE_ERROR\n' +
    '31110|403|p|ACCESS_DENIED_TO_SET_QUOTA\n' +
    '|400|i|QUOTA_ONLY_SOPPORT_2_LEVEL_DIRECTORIES\n' +
    '||q|EXCEED_QUOTA\n' +
    // Setting a quota that contradicts the tree: the value asked for is invalid.
    '|403|i|THE_QUOTA_IS_BIGGER_THAN_ONE_OF_ITS_PARENT_DIRECTORYS\n' +
    '|||THE_QUOTA_IS_SMALLER_THAN_ONE_OF_ITS_SUB_DIRECTORYS\n' +
    '31141|503|e|THUMBNAIL_FAILED_INTERNAL_ERROR\n' +
    '110|401|a|ACCESS_TOKEN_INVALID_OR_NO_LONGER_VALID\n' +
    // Not in the table: test/fixtures/vendor-docs/README.md lists 111 next to 110, with no status.
    '|0||ACCESS_TOKEN_EXPIRED\n' +
    // A bad signature is a failed credential check, whatever the 400 says.
    '31201|400||SIGNATURE_ERROR\n' +
    '31203||i|ACL_PUT_ERROR\n' +
    '||p|ACL_QUERY_ERROR\n' +
    '||i|ACL_GET_ERROR\n' +
    '31079|404|n|FILE_MD5_NOT_FOUND\n' +
    '31202|||OBJECT_NOT_EXISTS\n' +
    '31206|||ACL_GET_ERROR\n' +
    '|400|c|BUCKET_ALREADY_EXISTS\n' +
    '||i|BAD_REQUEST\n' +
    '|500|e|BAIDUBS_INTERNAL_ERROR\n' +
    '|501|m|NOT_IMPLEMENT\n' +
    '|403|p|ACCESS_DENIED\n' +
    '|503|u|SERVICE_UNAVAILABLE\n' +
    '|||SERVICE_UNAVAILABLE\n' +
    '|||PUT_OBJECT_DATA_ERROR\n' +
    '|||PUT_OBJECT_META_ERROR\n' +
    '|||GET_OBJECT_DATA_ERROR\n' +
    '|||GET_OBJECT_META_ERROR\n' +
    // Storage and transfer limits are quotas (README: "quota-like"): waiting seconds does not lift them.
    '|403|q|STORAGE_EXCEED_LIMIT\n' +
    // README: rate limits arrive as 403. The server refused before acting, so any call may retry.
    '||r|REQUEST_EXCEED_LIMIT\n' +
    '||q|TRANSFER_EXCEED_LIMIT\n' +
    '31298|500|e|THE_VALUE_OF_KEY_VALUE_IN_PCS_RESPONSE_HEADERS_IS_INVALID\n' +
    '|||NO_KEY_IN_PCS_RESPONSE_HEADERS\n',
);
