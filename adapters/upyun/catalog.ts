/**
 * UpYun (又拍云) REST storage API error codes, in the order of the vendor's table
 * (test/fixtures/vendor-docs/upyun-rest-api-errors.md). Codes have 8 digits; the first three
 * are the HTTP status the vendor documents. Messages (docs.ts) are copied as written, typos
 * included.
 * Each row is one `compactCatalog` line, `code|status|kind|NAME|outcome` (src/core/catalog.ts: an
 * empty code is the previous + 1, an empty status or kind repeats the previous row's); the English
 * messages are in docs.ts, out of every bundle (issue #14).
 */
import { compactCatalog } from '../../src/core/catalog.js';

export const upyunCatalog = compactCatalog(
  '40011001|400|i|INVALID_X_GMKERL_TYPE\n' +
    '|||INVALID_X_GMKERL_VALUE\n' +
    '|||INVALID_X_GMKERL_UNSHARP\n' +
    '|||INVALID_X_GMKERL_QUALITY\n' +
    '|||INVALID_X_GMKERL_EXIF_SWITCH\n' +
    '|||INVALID_X_GMKERL_GIFTO\n' +
    '|||INVALID_X_GMKERL_WEBP\n' +
    '|||INVALID_X_GMKERL_FORMAT\n' +
    '|||INVALID_X_GMKERL_CROP\n' +
    '|||INVALID_X_GMKERL_ROTATE\n' +
    '|||INVALID_X_GMKERL_GAUSSBLUR\n' +
    '|||INVALID_X_GMKERL_COMPRESS\n' +
    '|||INVALID_X_GMKERL_PROGRESSIVE\n' +
    '|||INVALID_X_GMKERL_NOICC\n' +
    '|||INVALID_X_GMKERL_WATERMARK_SWITCH\n' +
    '|||INVALID_X_GMKERL_WATERMARK_ALIGN\n' +
    '|||INVALID_X_GMKERL_WATERMARK_MARGIN\n' +
    '|||INVALID_X_GMKERL_WATERMARK_OPACITY\n' +
    '|||INVALID_X_GMKERL_WATERMARK_ANIMATE\n' +
    '|||INVALID_X_GMKERL_WATERMARK_FONT\n' +
    '|||INVALID_X_GMKERL_WATERMARK_TEXT\n' +
    '|||INVALID_X_GMKERL_WATERMARK_COLOR\n' +
    '|||INVALID_X_GMKERL_WATERMARK_BORDER\n' +
    '|||INVALID_X_GMKERL_WATERMARK_SIZE\n' +
    '|||INVALID_X_GMKERL_GRADIENT_ORIENTATION\n' +
    '|||INVALID_X_GMKERL_GRADIENT_POS\n' +
    '|||INVALID_X_GMKERL_GRADIENT_STARTCOLOR\n' +
    '|||INVALID_X_GMKERL_GRADIENT_STOPCOLOR\n' +
    '|||INVALID_X_GMKERL_EXTRACT_FUNC\n' +
    '|||INVALID_X_GMKERL_EXTRACT_COLOR_COUNT\n' +
    '|||INVALID_X_GMKERL_EXTRACT_OFFSET\n' +
    '|||INVALID_X_GMKERL_EXTRACT_PALETTE\n' +
    '|||INVALID_X_GMKERL_CANVAS\n' +
    '|||INVALID_X_GMKERL_CANVAS_COLOR\n' +
    '40011051|||INVALID_X_UPYUN_PART_ID\n' +
    '|||INVALID_X_UPYUN_MULTI_LENGTH\n' +
    '|||INVALID_X_UPYUN_MULTI_TYPE\n' +
    '|||INVALID_X_UPYUN_PART_SIZE\n' +
    '|||INVALID_MULTIPART_STAGE\n' +
    '|||INVALID_X_UPYUN_MULTI_UUID\n' +
    '|||INVALID_UTF8_KEY\n' +
    // Says "invalid" but means the upload session id is unknown: not-found.
    '||n|X_UPYUN_MULTI_UUID_NOT_FOUND\n' +
    '||i|FILE_MD5_NOT_MATCH\n' +
    '|||INVALID_X_UPYUN_PART_SIZE\n' +
    '|||PART_ID_ERROR\n' +
    // The part was uploaded already: a duplicate, not a malformed request.
    '||c|PART_ALREADY_COMPLETE\n' +
    '40000001||i|NEED_SAVE_KEY\n' +
    '|||NEED_BODY\n' +
    '|||NEED_BUCKET_NAME\n' +
    '|||NEED_EXPIRATION\n' +
    '|||NEED_FILE\n' +
    '|||CONTENT_MD5_NOT_MATCH\n' +
    '|||NEED_POLICY\n' +
    // The form API signs with policy + signature: a missing signature is missing credentials.
    '||a|NEED_SIGNATURE\n' +
    '||i|DECODE_POLICY_ERROR\n' +
    '|||DATA_TOO_LONG_FOR_EXT_PARAM\n' +
    // "not supported yet": a feature the server lacks, not a malformed value.
    '||m|CHUNKED_REQUEST_BODIES_NOT_SUPPORTED_YET\n' +
    // Sent as 400, but the message names UpYun's own file system failing, not the request.
    '||e|WRITE_FILE_TO_FS_ERROR\n' +
    '||i|NEED_CONTENT_MD5_BUT_NO_BODY_PROVIDED\n' +
    '|||NEED_CONTENT_MD5_BUT_NO_CONTENT_PROVIDED\n' +
    '|||MISSING_REQUIRED_ARGUMENTS\n' +
    '|||MISSING_FILE_HASH_ARGUMENT\n' +
    '|||MISSING_FILE_BLOCKS_ARGUMENT\n' +
    '|||TOO_MANY_FILE_BLOCKS\n' +
    '|||MISSING_FILE_SIZE_ARGUMENT\n' +
    '|||MISSING_SAVE_TOKEN_ARGUMENT\n' +
    '|||MISSING_BLOCK_INDEX_ARGUMENT\n' +
    '|||MISSING_BLOCK_HASH_ARGUMENT\n' +
    '||c|BLOCK_ALREADY_EXISTS\n' +
    // Blocks of a parallel upload must all finish first: a state, not a bad request.
    '||f|BLOCK_NOT_FINISHED\n' +
    '||i|FILE_SIZE_NOT_MATCH\n' +
    '|||BLOCK_INDEX_OUT_OF_RANGE\n' +
    '|||BLOCK_SIZE_TOO_SMALL_AT_LEAST_100KB\n' +
    '||l|BLOCK_SIZE_TOO_LARGE_AT_MOST_5MB\n' +
    '||i|SAVE_KEY_ENCODING_SHOULD_BE_UTF8\n' +
    '|||PATH_ENCODING_SHOULD_BE_UTF8\n' +
    '|||FILENAME_SHOULD_BE_UTF8\n' +
    '|||FFMPEG_ARGS_ERROR\n' +
    '|||FAILED_TO_READ_FIRSTCHUNK\n' +
    '|||CLIENT_ERROR\n' +
    '|||NEED_PURGE_BODY\n' +
    // Date, realm and signature are all part of UpYun request signing: unauthenticated.
    '40100001|401|a|NEED_DATE_HEADER\n' +
    '|||DATE_OFFSET_ERROR\n' +
    '|||UNKNOWN_REALM_IN_AUTHORIZATION_HEADER\n' +
    '|||NEED_AUTHORIZATION_HEADER\n' +
    '|||SIGNATURE_ERROR\n' +
    // The operator (user) named in the Authorization header: bad credentials.
    '|||USER_NOT_EXISTS\n' +
    '||p|USER_BLOCKED\n' +
    '|||USER_BLOCKED_IN_THIS_BUCKET\n' +
    '||a|USER_PASSWORD_ERROR\n' +
    '|||ACCOUNT_NOT_EXIST\n' +
    '||p|ACCOUNT_BLOCKED\n' +
    // README: bucket not exist is 401, not 404.
    '||n|BUCKET_NOT_EXIST\n' +
    '||p|BUCKET_BLOCKED\n' +
    '||n|BUCKET_REMOVED\n' +
    '||p|BUCKET_READ_ONLY\n' +
    '||a|INVALID_DATE_VALUE_IN_HEADER\n' +
    '||p|USER_NEED_PERMISSION\n' +
    // The table writes the characters as escapes: backslash-r, backslash-n, backslash-t.
    '40300001|403|i|FILE_NAME_CONTAINS_INVALID_CHARS\n' +
    '|||FILE_PATH_TOO_LONG\n' +
    '|||FILE_NAME_TOO_LONG\n' +
    '||q|BUCKET_IS_FULL\n' +
    // Same class of refusal as rmdir on a non-empty directory (google.rpc FAILED_PRECONDITION).
    '||f|DIRECTORY_NOT_EMPTY\n' +
    // The signed authorization / policy has run out: re-sign, then resend.
    '||a|AUTHORIZATION_HAS_EXPIRED\n' +
    // README: same message as 40000006, sent with 403.
    '||i|CONTENT_MD5_NOT_MATCH\n' +
    '|||FILE_TOO_SMALL\n' +
    '||l|FILE_TOO_LARGE\n' +
    '||i|FILE_TYPE_ERROR\n' +
    '||p|HAS_NO_PERMISSION_TO_DELETE\n' +
    '||i|NEED_CONTENT_TYPE\n' +
    '||p|FORM_API_DISABLED\n' +
    '||i|ORDER_MUST_BE_ASC_OR_DESC\n' +
    '||f|PATH_IS_NOT_A_FILE_MAYBE_A_DIRECTORY\n' +
    '||i|CONTENT_SECRET_ONLY_ACCEPTS_ALPHANUMERIC\n' +
    // The thumbnail version named in the URL is not configured on the bucket.
    '||n|NO_THUMB_SETTING_FOUND_FOR_BUCKET\n' +
    '||i|NOT_AN_IMAGE\n' +
    '|||IMAGE_WIDTH_TOO_SMALL_OR_TOO_BIG\n' +
    '|||IMAGE_HEIGHT_TOO_SMALL_OR_TOO_BIG\n' +
    // An image processing limit on the input, not an account quota.
    '|||IMAGE_LIMIT_EXCEEDED\n' +
    '|||INVALID_IMAGE_WIDTH_RANGE\n' +
    '|||INVALID_IMAGE_HEIGHT_RANGE\n' +
    '||l|EXCEED_MAX_SIZE\n' +
    '||i|WRONG_CONTENT_TYPE_HEADER\n' +
    '|||NEED_CONTENT_LENGTH_HEADER\n' +
    '||l|REQUEST_BODY_TOO_BIG\n' +
    '||a|REQUEST_HAS_EXPIRED\n' +
    '||i|PURGE_TOO_MUCH_ITEMS\n' +
    '40400001|404|n|FILE_OR_DIRECTORY_NOT_FOUND\n' +
    // The path is a directory where a file is expected: a state of the target.
    '40600001|406|f|DIR_NOT_ACCEPTABLE\n' +
    '||c|FOLDER_ALREADY_EXISTS\n' +
    // UpYun gave up reading the request; resending is fine for requests that may repeat.
    '40800001|408|t|READ_CLIENT_REQUEST_TIMEOUT\n' +
    '41500001|415|i|MEDIA_TYPE_ERROR_NEED_CONTENT_TYPE\n' +
    // README: no Retry-After is documented for either rate limit.
    '42900001|429|r|TOO_MANY_REQUESTS\n' +
    '|||TOO_MANY_REQUESTS_OF_THE_SAME_URI\n' +
    // 503 family: storage/hub/db/upstream failures are transient; input-dependent ones are deterministic.
    '50300000|503|u|UNKNOWN_ERROR\n' +
    '|||WRITE_HUB_FAILED\n' +
    // Deterministic: the uploaded data cannot be decoded; the same bytes fail again.
    '||i|DECODE_ERROR\n' +
    // Processing failed on this input; resending the same media fails the same way.
    '||en|FFMPEG_ERROR\n' +
    '50300006||u|GET_HUB_ERROR\n' +
    '|||CAPTURE_FILE_FROM_FS_ERROR\n' +
    '|||DELETE_HUB_ERROR\n' +
    '||e|GET_BODY_TEMP_FILE_ERROR\n' +
    '|||READ_BODY_TEMP_FILE_ERROR\n' +
    '|||CAPTURE_FILE_FROM_FFMPEG_ERROR\n' +
    '||u|SERVICE_ERROR_IN_THUMB\n' +
    '||t|PUT_FILE_CAPTURE_TIMEOUT\n' +
    '||u|GET_CLIENT_SOCKET_ERROR\n' +
    // Deterministic: the image header cannot be decoded.
    '||i|DECODE_IMAGE_INFO_ERROR\n' +
    '||u|GET_IMAGE_INFO_ERROR\n' +
    '||e|FAILED_TO_NEW_MD5\n' +
    '|||FAILED_TO_NEW_FORM\n' +
    '50300020||u|PUT_FILE_CAPTURE_ERROR\n' +
    '|||PUT_CAPTURE_BROKEN_PIPE\n' +
    '||e|NEW_RESOURCE_ERROR\n' +
    '||u|CONNECT_TO_DB_ERROR\n' +
    '|||GET_MASTER_FAILED\n' +
    '|||WRITE_INFO_ERROR\n' +
    '|||GET_DATA_ERROR\n' +
    '|||PUT_FILE_TO_FS_ERROR\n' +
    '|||GET_FILE_FROM_FS_ERROR\n' +
    '|||UNKNOWN_ERROR\n' +
    '|||UPSTREAM_CLOSED_CONNECTION\n' +
    '||t|READ_UPSTREAM_TIMEOUT\n' +
    // Deterministic: the data sent is wrong.
    '||i|WRONG_DATA\n' +
    '||e|NEW_RESOURCE_ERROR\n' +
    '||u|GET_INFO_ERRORS\n' +
    // The hub's own reply failed to decode: inside UpYun, unlike 50300002 (the caller's data).
    '||e|DECODE_HUB_BODY_ERROR\n',
);
