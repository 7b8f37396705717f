/**
 * vendor-errors: one typed error hierarchy for every vendor API, and retries driven by what
 * an error means. This entry holds what an application or an adapter author uses: the errors,
 * `normalize`, `defineAdapter`/`defineCatalog` and the readers a `parse` is built from, `retry`,
 * `createPacer` and `createRetryBudget`. The building blocks (the pacer's state machine, backoff
 * math, option resolution, redaction, header readers) are at `vendor-errors/advanced`; adapters at
 * `vendor-errors/adapters`; the client integrations at `vendor-errors/axios`, `/ky` and `/fetch`.
 *
 * @module
 */
export {
  AuthenticationError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  NotImplementedError,
  PayloadTooLargeError,
  PermissionDeniedError,
  PreconditionFailedError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnknownVendorError,
  VendorError,
  isVendorError,
  type AnyVendorError,
  type AttemptRecord,
  type CodeMap,
  type CodeOf,
  type ErrorFor,
  type RetryDecisionRecord,
  type RetryStopReason,
  type VendorErrorInit,
  type VendorErrorJSON,
} from './errors/index.js';
export type { ErrorKind, GrpcCode, RetryClass } from './errors/kinds.js';
export { type Catalog, type CatalogEntry, type CatalogRow, defineCatalog } from './core/catalog.js';
export {
  type Adapter,
  type AdapterDefinition,
  type CodesOf,
  type ParseContext,
  type WireError,
  defineAdapter,
} from './core/adapter.js';
// What a `parse` is built from: defensive readers that never throw on hostile JSON.
export { asCode, asId, asText, field, rawIntegerField } from './core/wire.js';
export { type NormalizeInput, normalize, toVendorError } from './core/normalize.js';
export { type Classification, classify } from './core/classify.js';
export type { BodyInput } from './core/body.js';
export type { HeaderLookup, HeadersInput } from './core/headers.js';
export { addSecretNames } from './errors/redact.js';
export {
  type RetryBudget,
  type RetryBudgetOptions,
  type RetryBudgetSnapshot,
  type RetryCallOptions,
  type RetryContext,
  type RetryDelaySource,
  type RetryInfo,
  type RetryOptions,
  createRetryBudget,
  retry,
} from './retry/index.js';
export {
  type Pacer,
  type PacerAcquireOptions,
  type PacerChange,
  type PacerKeySnapshot,
  type PacerOptions,
  type PacerPermit,
  type PacerOutcome,
  type PacerReportInfo,
  type PacerStore,
  createPacer,
  getDefaultPacer,
  resetDefaultPacer,
  setDefaultPacer,
} from './pacer/index.js';
