/**
 * @internal The attempt loop after a first failure (or from the start, with telemetry or a pacer
 * that holds the call): the pacer's permit before each send, the decision after each failure,
 * the wait, and the history the final error carries.
 */
import { isClassification } from '../core/classify.js';
import { abortReason } from '../core/abort.js';
import type { AttemptRecord, RetryDecisionRecord, RetryDelaySource } from '../errors/attempts.js';
import { attachRetryHistory, isVendorError, type VendorError } from '../errors/vendor-error.js';
import { isBackPressure } from '../pacer/back-pressure.js';
import type { Pacer } from '../pacer/types.js';
import { budgetExhausted, decideRetry, errorOf, pacerDeadline, type RetryFailure } from './decide.js';
import { clock, describeRequest, type LoopCall, record, settleHeld, tell, withoutBackoff } from './loop-parts.js';
import type { ResolvedRetryOptions } from './options.js';
import { spentQuotaMs } from './quota.js';
import type { RetryContext } from './retry.js';
import { sleep } from './sleep.js';
import type { RetryObserver } from './telemetry.js';

/** An attempt's outcome inside the loop. */
type Sent<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly thrown: unknown; readonly sentAt: number };

/** The first attempt, sent by `runRetry` itself, failed: the loop goes on from there. */
interface FirstFailure {
  readonly thrown: unknown;
  readonly sentAt: number;
  readonly start: number;
}

export async function loop<T>(
  fn: (ctx: RetryContext) => Promise<T> | T,
  opts: ResolvedRetryOptions,
  call: LoopCall,
  obs: RetryObserver | undefined,
  pacer: Pacer | undefined,
  key: string,
  first: FirstFailure | 'declined' | undefined,
): Promise<T> {
  const budget = opts.budget;
  const signal = call.signal;
  // Allocated on the first failure: a call that succeeds at once keeps no history.
  let attempts: AttemptRecord[] | undefined;
  let idempotent: boolean | undefined;
  let start = typeof first === 'object' ? first.start : 0;
  let declined = first === 'declined';
  // With a pacer: the record of the previous attempt, whose wait the pacer may lengthen, and
  // how long the loop itself slept after it.
  let heldRecord = -1;
  let slept = 0;

  /** One attempt after the pacer's go: its value, or what it threw. */
  const send = async (attempt: number): Promise<Sent<T>> => {
    if (signal?.aborted) throw abortReason(signal);
    if (attempt === 1) {
      start = clock();
      budget?.recordRequest();
    }
    let sentAt = 0;
    let pacedMs = 0;
    if (pacer) {
      // The key's turn is now (the usual case): no promise, no turn of the event loop, no clock.
      let permit = !declined && typeof pacer.tryAcquire === 'function' ? pacer.tryAcquire(key) : undefined;
      declined = false;
      const held = heldRecord;
      heldRecord = -1;
      if (permit) {
        if (attempts) settleHeld(attempts, held, slept, 0);
      } else {
        const asked = clock();
        const deadline = pacer.now() + Math.max(0, opts.maxElapsedMs - (asked - start));
        try {
          permit = await pacer.acquire(key, signal ? { signal, deadline } : { deadline });
        } catch (refusal) {
          if (signal?.aborted) throw abortReason(signal);
          if (isVendorError(refusal)) {
            // Held past the deadline (or foreseen to be): not sent, and the record says why (the
            // pacer's message says what it was waiting for).
            if (attempts) settleHeld(attempts, held, slept, clock() - asked);
            describeRequest(refusal, call);
            throw attachRetryHistory(refusal, attempts ?? [], refusal.retryDecision ?? pacerDeadline());
          }
          throw refusal;
        }
        pacedMs = clock() - asked;
        if (attempts) settleHeld(attempts, held, slept, pacedMs);
      }
      sentAt = permit.sentAt;
    }
    try {
      let value: T;
      if (obs) {
        obs.attempt(attempt, pacedMs);
        const ctx = signal ? { attempt, signal } : { attempt };
        value = await (obs.run ? obs.run(attempt, () => fn(ctx)) : fn(ctx));
      } else value = await fn(signal ? { attempt, signal } : { attempt });
      if (pacer) tell(pacer, key, undefined, sentAt, (call.quota ?? spentQuotaMs)(value));
      return { ok: true, value };
    } catch (thrown) {
      return { ok: false, thrown, sentAt };
    }
  };

  for (let attempt = 1; ; attempt++) {
    let thrown: unknown;
    let sentAt = 0;
    if (typeof first === 'object' && attempt === 1) {
      ({ thrown, sentAt } = first);
    } else {
      const sent = await send(attempt);
      if (sent.ok) return sent.value;
      ({ thrown, sentAt } = sent);
    }
    if (!isVendorError(thrown) && !isClassification(thrown)) {
      if (pacer) tell(pacer, key, 'cancelled', sentAt);
      throw thrown;
    }
    // A record (classify()) stays one while the loop retries: the Error (stack, message,
    // redaction) is built only for whoever sees it (shouldRetry, onRetry, the caller).
    let error: RetryFailure = thrown;
    if ((opts.shouldRetry || opts.onRetry || obs) && !isVendorError(error)) error = errorOf(error);
    // An attempt cut short by the caller's abort says nothing about the vendor.
    if (pacer) tell(pacer, key, signal?.aborted ? 'cancelled' : error, sentAt);

    // With a pacer, back-pressure (a rate limit, a "busy" refusal) or a server hint is waited for
    // by the pacer, which holds the next attempt until the key resumes and then sends it at the
    // learned rate. A backoff of our own on top would be a double wait, so none is added.
    // isBackPressure reads `kind` and `retry`, which a record has as a VendorError does.
    const paced = pacer !== undefined && (isBackPressure(error as VendorError) || error.retryAfterMs !== undefined);
    if (idempotent === undefined) idempotent = typeof call.idempotent === 'function' ? call.idempotent() : call.idempotent;
    attempts ??= [];
    const decision = decideRetry({
      error,
      attempt,
      idempotent,
      options: paced && error.retryAfterMs === undefined ? withoutBackoff(opts) : opts,
      elapsedMs: clock() - start,
      replayable: call.replayable,
    });
    if (!decision.retry || (budget && !budget.tryAcquire())) {
      const last: RetryDecisionRecord = decision.retry
        ? budgetExhausted()
        : { retried: false, reason: decision.reason, detail: decision.detail };
      attempts.push(record(error, attempt));
      const final = errorOf(error);
      obs?.failed(attempt, final, last);
      throw attachRetryHistory(final, attempts, last);
    }

    let delayMs = decision.delayMs;
    let source: RetryDelaySource = decision.source;
    let expected = delayMs;
    if (paced) {
      // The pacer holds the call until the key resumes (it has just been told of the hint).
      // Its pause may be shorter than the hint (pauses are capped at its maxPauseMs): sleep the rest.
      const held = Math.max(0, pacer.estimateWait?.(key) ?? 0);
      delayMs = Math.max(0, delayMs - held);
      expected = delayMs + held;
      source = 'pacer';
    }
    attempts.push(record(error, attempt, expected, source));
    heldRecord = pacer ? attempts.length - 1 : -1;
    slept = delayMs;
    // Set when either is (see above): the record was built into its VendorError then.
    if (obs) obs.failed(attempt, errorOf(error), { retried: true, delayMs: expected, source });
    opts.onRetry?.({ error: errorOf(error), attempt, delayMs: expected, source });
    if (delayMs > 0) await sleep(delayMs, signal);
  }
}
