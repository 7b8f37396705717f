/**
 * `vendor-errors/advanced`: the building blocks under the root entry, for writing an integration
 * for another client, a pacer store, or tooling over the catalogs. Everything here is public and
 * semver-covered, but an application should not need it: `vendor-errors` holds the errors,
 * `normalize`, `defineAdapter`, `retry`, `createPacer` and `createRetryBudget`.
 *
 * - Errors: `createVendorError(kind, init)` and `ERROR_CLASSES` (kind → class);
 *   `isClassification` (is this a `classify` result?).
 * - Kinds: `ERROR_KINDS`, `KIND_FACTS` (gRPC name, default retry class, representative status),
 *   `isErrorKind`, `kindFromStatus`.
 * - Reading responses: `headerLookup`, `parseRetryAfter`, `DEFAULT_MAX_BODY_BYTES`, `codeKey`,
 *   `codeNumber`, `isRecord`, `constantName`.
 * - Transport failures: `transportError`, `isTimeoutFailure` (what an integration rejects with
 *   when there is no response).
 * - Redaction: `redactText`, `redactUrl`, `redactHeaderValue`, `isSecretName`, `REDACTED`.
 * - Retry math: `decideRetry`, `backoffDelay`, `backoffCeiling`, `isIdempotentRequest`, `sleep`,
 *   `resolveRetryOptions`, `DEFAULT_RETRY_OPTIONS`, `MAX_RETRIES`, `MAX_TIMER_MS`.
 * - The pacer's pure state machine (`onSend`, `onThrottle`, `cubicRate`, …), `pacerKey` and
 *   `createMemoryPacerStore`.
 *
 * @module
 */
export { ERROR_CLASSES, createVendorError } from './errors/index.js';
export { type KindFacts, ERROR_KINDS, KIND_FACTS, isErrorKind } from './errors/kinds.js';
export { kindFromStatus } from './core/kinds.js';
export { constantName } from './core/catalog.js';
export { isClassification } from './core/classify.js';
export { DEFAULT_MAX_BODY_BYTES } from './core/body.js';
export { headerLookup, parseRetryAfter } from './core/headers.js';
export { REDACTED, isSecretName, redactHeaderValue, redactText, redactUrl } from './errors/redact.js';
export { type TransportContext, type TransportPhase, isTimeoutFailure, transportError } from './core/transport.js';
export { codeKey, codeNumber, isRecord } from './core/wire.js';
export {
  type BackoffOptions,
  type ResolvedRetryOptions,
  type RetryDecision,
  type RetryDecisionInput,
  type RetryFailure,
  DEFAULT_RETRY_OPTIONS,
  MAX_RETRIES,
  MAX_TIMER_MS,
  backoffCeiling,
  backoffDelay,
  decideRetry,
  isIdempotentRequest,
  resolveRetryOptions,
  sleep,
} from './retry/index.js';
export {
  type FleetAnswer,
  type FleetBudgetAnswer,
  type FleetBudgetCall,
  type FleetEvent,
  type FleetGate,
  type FleetView,
  type MemoryPacerStoreOptions,
  type PacerCircuit,
  type PacerKeyState,
  type PacerParams,
  type PacerPhase,
  type PacerSignal,
  type PacerState,
  DEFAULT_PACER_PARAMS,
  bucketCapacity,
  createMemoryPacerStore,
  cubicRate,
  earliestSendTime,
  initialPacerState,
  isUnrestricted,
  keyState,
  measuredRate,
  nextSendTime,
  onCancel,
  onFailure,
  onPause,
  onSend,
  onSuccess,
  onThrottle,
  pacerKey,
} from './pacer/index.js';
