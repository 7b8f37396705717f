/**
 * vendor-errors: one typed error hierarchy for every vendor API, and retries driven by what
 * an error means. This entry point holds the core; adapters live at `vendor-errors/adapters`
 * and the client integrations at `vendor-errors/axios`, `/ky` and `/fetch`.
 */
export * from './errors/index.js';
export {
  type ErrorKind,
  type GrpcCode,
  type KindFacts,
  type RetryClass,
  ERROR_KINDS,
  KIND_FACTS,
  isErrorKind,
  kindFromStatus,
} from './core/kinds.js';
export { type Catalog, type CatalogEntry, type CatalogRow, constantName, defineCatalog } from './core/catalog.js';
export { type Adapter, type AdapterDefinition, type ParseContext, type WireError, defineAdapter } from './core/adapter.js';
export { type NormalizeInput, normalize, toVendorError } from './core/normalize.js';
export { type Classification, classify, isClassification } from './core/classify.js';
export { type BodyInput, DEFAULT_MAX_BODY_BYTES } from './core/body.js';
export { type HeaderLookup, type HeadersInput, headerLookup, parseRetryAfter } from './core/headers.js';
export { REDACTED, addSecretNames, isSecretName, redactHeaderValue, redactText, redactUrl } from './core/redact.js';
export { type TransportContext, isTimeoutFailure, transportError } from './core/transport.js';
export { asCode, asId, asText, codeKey, codeNumber, field, isRecord, rawIntegerField } from './core/wire.js';
export * from './retry/index.js';
export * from './pacer/index.js';
