/**
 * @internal The entry of the one attempt loop: `runRetry` sends the first attempt itself, with no
 * async frame, and hands a failure (or a pacer that must hold the call) to the loop.
 */
import { abortReason } from '../core/abort.js';
import { pacerOfCall } from '../pacer/default.js';
import { loop } from './attempt-loop.js';
import { clock, keyFor, type LoopCall, tell } from './loop-parts.js';
import type { ResolvedRetryOptions } from './options.js';
import { spentQuotaMs } from './quota.js';
import type { RetryContext } from './retry.js';
import type { RetryObserver } from './telemetry.js';

/**
 * @internal The loop behind `retry()`, on options already resolved (validated once, where
 * they were given): what every integration calls for each request.
 */
export function runRetry<T>(fn: (ctx: RetryContext) => Promise<T> | T, opts: ResolvedRetryOptions, call: LoopCall): Promise<T> {
  try {
    return first(fn, opts, call);
  } catch (error) {
    // A pacer, budget or telemetry hook that throws: a rejection, as from an async function.
    return Promise.reject(error);
  }
}

function first<T>(fn: (ctx: RetryContext) => Promise<T> | T, opts: ResolvedRetryOptions, call: LoopCall): Promise<T> {
  const obs = opts.telemetry?.start({ vendor: call.vendor });
  if (obs) return observed(fn, opts, call, obs);
  // Without telemetry, the first attempt is sent from here, with no async frame around it: a call
  // that succeeds at once (nearly all) costs one `then`, and only a failure (or a pacer that must
  // hold the call) enters the loop. Measured (issue 14): the loop's async frame and its await
  // were a tenth of what a successful call cost the integrations.
  const signal = call.signal;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const pacer = pacerOfCall(opts.pacer, call.vendor);
  let key = '';
  let sentAt = 0;
  if (pacer) {
    key = keyFor(pacer, call);
    const permit = typeof pacer.tryAcquire === 'function' ? pacer.tryAcquire(key) : undefined;
    // Declined: the loop's first attempt waits in `acquire` (without asking `tryAcquire` again).
    if (!permit) return loop(fn, opts, call, undefined, pacer, key, 'declined');
    sentAt = permit.sentAt;
  }
  const start = clock();
  opts.budget?.recordRequest();
  let sent: Promise<T>;
  try {
    sent = Promise.resolve(fn(signal ? { attempt: 1, signal } : { attempt: 1 }));
  } catch (thrown) {
    sent = Promise.reject(thrown);
  }
  return sent.then(
    (value) => {
      if (pacer) tell(pacer, key, undefined, sentAt, (call.quota ?? spentQuotaMs)(value));
      return value;
    },
    (thrown: unknown) => loop(fn, opts, call, undefined, pacer, key, { thrown, sentAt, start }),
  );
}

async function observed<T>(
  fn: (ctx: RetryContext) => Promise<T> | T,
  opts: ResolvedRetryOptions,
  call: LoopCall,
  obs: RetryObserver,
): Promise<T> {
  try {
    const pacer = pacerOfCall(opts.pacer, call.vendor);
    const value = await loop(fn, opts, call, obs, pacer, pacer ? keyFor(pacer, call) : '', undefined);
    obs.succeeded();
    return value;
  } catch (error) {
    obs.ended(error);
    throw error;
  }
}
