export { type BackoffOptions, backoffCeiling, backoffDelay } from './backoff.js';
export { type RetryBudget, type RetryBudgetOptions, type RetryBudgetSnapshot, createRetryBudget } from './budget.js';
export { type RetryDecision, type RetryDecisionInput, type RetryFailure, decideRetry } from './decide.js';
export { isIdempotentRequest } from './idempotency.js';
export {
  DEFAULT_RETRY_OPTIONS,
  MAX_RETRIES,
  MAX_TIMER_MS,
  type ResolvedRetryOptions,
  type RetryDelaySource,
  type RetryInfo,
  type RetryOptions,
  resolveRetryOptions,
} from './options.js';
export { type RetryCallOptions, type RetryContext, retry } from './retry.js';
export { sleep } from './sleep.js';
