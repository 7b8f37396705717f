/**
 * NetEase CloudComb (网易蜂巢) container OpenAPI error codes, in the order of the vendor's table
 * (test/fixtures/vendor-docs/netease-cloudcomb-openapi-errors.md). A 7-digit code is the HTTP
 * status followed by four digits, so each row's status is its first three digits. The table's
 * description and solution columns are empty, so no row has a Chinese message. Messages (docs.ts) are
 * copied as written, typos included; corrected spellings are in the notes (docs.ts).
 * Each row is one `compactCatalog` line, `code|status|kind|NAME|outcome` (src/core/catalog.ts: an
 * empty code is the previous + 1, an empty status or kind repeats the previous row's); the English
 * messages are in docs.ts, out of every bundle (issue #14).
 */
import { compactCatalog } from '../../src/core/catalog.js';

export const neteaseCatalog = compactCatalog(
  '4000001|400|i|INVALID_PARAMETERS\n' +
    '|||MISSING_PARAMETERS\n' +
    '4000111|||FAIL\n' +
    '|||MISSING_PARAM\n' +
    '|||PARAM_INVALID\n' +
    '4000115|||PARAM_MICROSERVICE_NAME_FORMAT_INVALID\n' +
    '4000117|||PARAM_REPLICAS_SIZE_INVALID\n' +
    '4000119|||PARAM_SPEC_INFO_INVALID\n' +
    '|||PARAM_CONTAINER_DESC_LENGTH_OUT_OF_RANGE\n' +
    '|||PARAM_CONTAINER_NAME_FORMAT_INVALID\n' +
    '4000123|||PARAM_ENV_SIZE_OUT_OF_LIMIT\n' +
    '|||PARAM_ENV_KEY_FORMAT_INVALID\n' +
    '|||PARAM_ENV_VALUE_FORMAT_INVALID\n' +
    '|||PARAM_CMD_LENGTH_OUT_OF_RANGE\n' +
    '|||PARAM_LOG_DIR_SIZE_OUT_OF_LIMIT\n' +
    '|||PARAM_LOG_DIR_TOO_LONG\n' +
    '4000130|||PARAM_CPU_WEIGHT_INVALID\n' +
    '|||PARAM_MEMORY_WEIGHT_INVALID\n' +
    '4000133|||PARAM_VOLUME_INFO_INVALID\n' +
    '|||PARAM_PORT_MAP_INVALID\n' +
    '|||PARAM_PUBLIC_NETWORK_INFO_INVALID\n' +
    '|||PARAM_SSH_KEY_INVALID\n' +
    '|||PARAM_DISK_TYPE_INVALID\n' +
    // A limit on how many port maps a service may have, already reached.
    '4000139||q|PORT_MAP_SIZE_ALREADY_UP_TO_LIMIT\n' +
    // "... fail." under 400 with no detail: read as the client error the status says.
    '4000145||i|UPDATE_MICROSERVICE_FAIL\n' +
    '|||UPDATE_VOLUME_INFO_FAIL\n' +
    '4000149|||EXIST_CONTAINER_DOESN_T_BELONG_TO_MICROSERVICE_IN_GIVEN_PARAM\n' +
    '|||PARAM_MINREADYSECONDS_OUT_OF_RANGE_1_600S\n' +
    // README: "system busy" is sent as 400 but is transient and refused before acting.
    '4000199||us|SYSTEM_BUSY_PLEASE_TRY_AGAIN_LATER\n' +
    '4000201||i|INVALID_CLOUD_VOLUME_PARAMETERS\n' +
    '|||MISSING_CLOUD_VOLUME_PARAMETERS\n' +
    '4000213|||PARAM_INVALID\n' +
    '4000299||us|SYSTEM_BUSY_PLEASE_TRY_AGAIN_LATER\n' +
    '4000301||i|PARAMS_INVALID\n' +
    '|||MISSING_PARAM\n' +
    '4000401|||INVALID_PARAMETERS\n' +
    '|||MISSING_PARAMETERS\n' +
    '|||INVALID_REQUEST_BODY\n' +
    '4000450|||INVALID_PATH\n' +
    '|||INVALID_SERVERNAME\n' +
    // Sent as 400, but the id names something that does not exist.
    '||n|CERTID_NOT_FOUND\n' +
    '||i|INVALID_LISTENER_PROTOCOL\n' +
    '|||INVALID_LISTENER_PORT\n' +
    '|||INVALID_LISTENER_STATUS\n' +
    '4000458|||INVALID_SERVICEPORT\n' +
    '||n|NAMESPACE_NOT_FOUND\n' +
    '||i|INVALID_PARAMETER_TYPE\n' +
    '4000464|||INVALID_CHARGEMODE\n' +
    '|||INVALID_BANDWIDTHLIMIT\n' +
    '|||INVALID_LBNAME\n' +
    // Out of numeric order in the table; kept in table order.
    '4000482|||INVALID_DESCRIPTION\n' +
    '4000469||q|LOADBALANCER_QUOTA_INSUFFICIENT\n' +
    '|||LISTENER_QUOTA_INSUFFICIENT\n' +
    '|||CLUSTER_QUOTA_INSUFFICIENT\n' +
    '||i|INVALID_POLICY\n' +
    '4000411|||CERT_NAME_IS_MISSING\n' +
    '|||CERT_FORMAT_IS_INVALID\n' +
    '||q|CERT_NUM_EXCEED_LIMIT\n' +
    '||i|INVALID_CERT_NAME\n' +
    '4000511|||FAIL\n' +
    '4010001|401|a|UNAUTHORIZED_USER\n' +
    // README: a rate limit sent as 403.
    '4030001|403|r|API_FREQ_OUT_OF_LIMIT\n' +
    '||q|CONTAINER_QUOTA_INSUFFICIENT\n' +
    '|||IP_QUOTA_INSUFFICIENT\n' +
    '|||APP_QUOTA_INSUFFICIENT\n' +
    '|||REPLICATION_QUOTA_INSUFFICIENT\n' +
    '|||NLB_QUOTA_INSUFFICIENT\n' +
    '|||IMAGE_QUOTA_INSUFFICIENT\n' +
    '|||TAG_QUOTA_INSUFFICIENT\n' +
    // The account itself is frozen or abnormal: the caller is refused, not the resource.
    '||p|USER_STATUS_ABNORMAL\n' +
    // "status abnormal" / "can't ... in current state": the resource is in the wrong state.
    '||f|CONTAINER_STATUS_ABNORMAL\n' +
    '|||APP_STATUS_ABNORMAL\n' +
    '|||IMAGE_STATUS_ABNORMAL\n' +
    '||q|SECRET_KEY_COUNT_LIMIT\n' +
    '4030140||p|FAVORITE_REPOSITORY_CHANGED_TO_BE_PRIVATE\n' +
    '4030142||f|STATEFUL_MICROSERVICE_CAN_T_UPDATE\n' +
    // The request changes nothing: nothing to retry, fix the request.
    '||i|NOTHING_TO_UPDATE\n' +
    '||f|MICROSERVICE_CAN_T_UPDATE_IN_CURRENT_STATE\n' +
    '4030147||q|FROZEN_FEE_FAIL\n' +
    '|||ACCOUNT_BALANCE_IS_INSUFFICIENT\n' +
    // A rule of the product, not a state that can change.
    '4030151||i|MICROSERVICE_CAN_T_BE_CHANGED_BETWEEN_REPOSITORY\n' +
    '||f|STATELESS_MICROSERVICE_CAN_T_BE_RESTARTED\n' +
    '|||MICROSERVICE_CAN_T_OPERATE_IN_CURRENT_STATE\n' +
    '4030201||q|BALANCE_INSUFFICIENT\n' +
    '||f|CLOUD_VOLUME_STATUS_ABNORMAL\n' +
    '4030258|||VOLUME_CAN_T_OPERATE_IN_CURRENT_STATE\n' +
    '4030301||q|BALANCE_INSUFFICIENT\n' +
    '|||QUOTA_INSUFFICIENT\n' +
    '4030401||p|ACTION_FORBIDDEN\n' +
    // "is using": the resource is still in use.
    '4030410||f|CERT_IS_USING\n' +
    '|||IP_IS_USING\n' +
    '4030432||q|USER_BALANCE_IS_NOT_ENOUGH\n' +
    // Waiting helps, but the same request sent now fails the same way.
    '4030462||f|LOADBALANCER_IS_CREATING\n' +
    '4030503||q|YOUR_BALANCE_IS_INSUFFICIENT\n' +
    '4040114|404|n|NO_SUCH_NAMESPACE\n' +
    '4040118|||NO_SUCH_SPEC\n' +
    '4040129|||NO_SUCH_IMAGE\n' +
    '4040141|||NO_SUCH_MICROSERVICE\n' +
    '4040001|||NO_SUCH_USER\n' +
    '|||NO_SUCH_CONTAINER\n' +
    '|||NO_SUCH_APP\n' +
    '|||NO_SUCH_REPOSITORY\n' +
    '|||NO_SUCH_SECRET_KEY\n' +
    '|||NO_SUCH_API\n' +
    '4040201|||NO_SUCH_CLOUD_VOLUME\n' +
    // README: same message as 4040001.
    '4040301|||NO_SUCH_USER\n' +
    '|||NO_SUCH_IP\n' +
    '4040401|||NO_SUCH_RESOURCE\n' +
    '|||NO_SUCH_LOADBALANCER\n' +
    '4040410|||NO_SUCH_CERT\n' +
    '4040456|||NO_SUCH_LISTENER\n' +
    // README: same message as 4040302.
    '4040412|||NO_SUCH_IP\n' +
    '4050001|405|i|HTTP_METHOD_NOT_ALLOWED\n' +
    // README: request timeout; the vendor may have acted.
    '4080001|408|t|REQUEST_TIMEOUT\n' +
    '4090001|409|c|DUPLICATE_CONTAINER_NAME\n' +
    '|||DUPLICATE_REPLICATION_SIZE\n' +
    '|||DUPLICATE_APP_NAME\n' +
    '|||DUPLICATE_SECRET_KEY_NAME\n' +
    '|||DUPLICATE_REPOSITORY_NAME\n' +
    '4090132|||DUPLICATE_VOLUME_INFO\n' +
    '4090138|||DUPLICATE_LOG_DIRECTORY\n' +
    '4090116|||DUPLICATE_MICROSERVICE_NAME\n' +
    '4090122|||DUPLICATE_CONTAINER_NAME\n' +
    '4090201|||DUPLICATE_CLOUD_VOLUME_NAME\n' +
    '4090401|||DUPLICATE_RESOURCE\n' +
    '4090483|||DUPLICATE_LOADBALANCER_NAME\n' +
    '4090451|||DUPLICATE_SERVERNAME\n' +
    '4090457|||DUPLICATE_FORWARD_RULE\n' +
    '4090467|||DUPLICATE_PATH\n' +
    '4090480|||DUPLICATE_LISTENER\n' +
    '4090410|||DUPLICATE_CERT_NAME\n' +
    '4150001|415|i|UNSUPPORTED_MEDIA_TYPE\n' +
    '4220001|422||UNPROCESSABLE_ENTITY\n' +
    // 500 family: the vendor failed mid-operation and may have acted.
    '5000001|500|e|CREATE_CONTAINER_ERROR\n' +
    '|||DELETE_CONTAINER_ERROR\n' +
    '|||CREATE_APP_ERROR\n' +
    '|||DELETE_APP_ERROR\n' +
    '|||CREATE_SECRET_KEY_ERROR\n' +
    '|||DELETE_SECRET_KEY_ERROR\n' +
    '|||NCE_INTERNAL_SERVER_ERROR\n' +
    '5000300|||SERVER_ERROR\n' +
    '|||CREATE_IP_FAIL\n' +
    '|||DELETE_IP_FAIL\n' +
    // The vendor ran out of addresses, not the user: capacity, may recover.
    '||u|IP_NOT_ENOUGH\n' +
    '5000400||e|SERVER_ERROR\n' +
    '|||LIST_LOADBALANCERS_ERROR\n' +
    '|||CREATE_LOADBALANCER_ERROR\n' +
    '|||DESCRIBE_LOADBALANCER_ERROR\n' +
    '|||UPDATE_LOADBALANCER_ERROR\n' +
    '|||DELETE_LOADBALANCER_ERROR\n' +
    '|||GET_LISTENER_ERROR\n' +
    '|||ADD_LISTENER_ERROR\n' +
    '|||UPDATE_LISTENER_ERROR\n' +
    '|||DELETE_LISTENER_ERROR\n' +
    '|||LIST_CERTS_ERROR\n' +
    '|||UPLOAD_CERT_ERROR\n' +
    '|||UPDATE_CERT_ERROR\n' +
    '|||DELETE_CERT_ERROR\n' +
    '5000500|||CREATE_FAILED\n',
);
