/**
 * `vendor-errors/otel`: OpenTelemetry for the retry loop and the pacer. The only module that
 * imports `@opentelemetry/api` (an optional peer); nothing else in the package loads it, and a
 * client without `retry.telemetry` pays one `undefined` check per attempt.
 *
 * Per call, one `vendor-errors <vendor>` span (INTERNAL); per attempt, a child span with
 * `http.request.resend_count` (from the second attempt on, as the HTTP semantic conventions say),
 * and on failure `error.type` (the kind), `http.response.status_code`, the vendor's code and
 * request id, the retry decision, its reason, the wait and where the wait came from. A pacer's
 * hold before an attempt is a `vendor_errors.pacer.wait` event on that attempt's span.
 */
import { context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { isVendorError } from '../errors/brand.js';
import type { VendorError } from '../errors/vendor-error.js';
import type { PacerChange } from '../pacer/types.js';
import type { ObservedDecision, RetryObserver, RetryTelemetry } from '../retry/telemetry.js';

/** Attribute names this module writes (the `vendor_errors.*` ones are ours, not a convention). */
export const ATTR = Object.freeze({
  resendCount: 'http.request.resend_count',
  errorType: 'error.type',
  statusCode: 'http.response.status_code',
  vendor: 'vendor_errors.vendor',
  attempt: 'vendor_errors.attempt',
  code: 'vendor_errors.code',
  requestId: 'vendor_errors.request_id',
  decision: 'vendor_errors.retry.decision',
  reason: 'vendor_errors.retry.reason',
  delayMs: 'vendor_errors.retry.delay_ms',
  delaySource: 'vendor_errors.retry.delay_source',
  pacedMs: 'vendor_errors.pacer.wait_ms',
  pacerKey: 'vendor_errors.pacer.key',
  pacerState: 'vendor_errors.pacer.state',
  pacerPreviousState: 'vendor_errors.pacer.previous_state',
  pacerReason: 'vendor_errors.pacer.reason',
  pacerRate: 'vendor_errors.pacer.rate',
});

/** Options of {@link otelTelemetry} and {@link otelPacerChanges}. */
export interface OtelOptions {
  /**
   * The tracer spans are made with.
   * @default trace.getTracer('vendor-errors') (the global tracer provider's)
   */
  readonly tracer?: Tracer;
}

function tracerOf(options: OtelOptions | undefined, caller: string): Tracer {
  if (options !== undefined && (typeof options !== 'object' || options === null))
    throw new TypeError(`${caller}: options must be an object, got ${typeof options}`);
  const tracer = options?.tracer;
  if (tracer !== undefined && typeof (tracer as Tracer | null)?.startSpan !== 'function')
    throw new TypeError(`${caller}: \`tracer\` must be an OpenTelemetry Tracer (with startSpan)`);
  return tracer ?? trace.getTracer('vendor-errors');
}

function failure(span: Span, error: VendorError, decision: ObservedDecision): void {
  span.setAttribute(ATTR.errorType, error.kind);
  if (error.status !== undefined) span.setAttribute(ATTR.statusCode, error.status);
  if (error.code !== undefined) span.setAttribute(ATTR.code, String(error.code));
  if (error.requestId !== undefined) span.setAttribute(ATTR.requestId, error.requestId);
  span.setAttribute(ATTR.decision, decision.retried ? 'retry' : 'stop');
  if (decision.retried) {
    span.setAttribute(ATTR.delayMs, decision.delayMs);
    span.setAttribute(ATTR.delaySource, decision.source);
  } else span.setAttribute(ATTR.reason, decision.reason);
  // The message is redacted by the library (credentials never reach it).
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}

/** The observer with every method made safe: an instrumentation bug must not fail the call it watches. */
function guarded(it: RetryObserver): RetryObserver {
  const safe =
    <A extends unknown[]>(f: (...a: A) => void) =>
    (...a: A) => {
      try {
        f(...a);
      } catch {
        // dropped: see above
      }
    };
  return {
    attempt: safe(it.attempt),
    run: (attempt, send) => {
      let sent = false;
      try {
        return (it.run as NonNullable<RetryObserver['run']>)(attempt, () => {
          sent = true;
          return send();
        });
      } catch (error) {
        // A throw from send() is the call's; one before it is ours: send anyway.
        if (sent) throw error;
        return send();
      }
    },
    failed: safe(it.failed),
    succeeded: safe(it.succeeded),
    ended: safe(it.ended),
  };
}

/**
 * A `retry.telemetry` observer that records each call and attempt as OpenTelemetry spans.
 *
 * @example
 * import { createFetch } from 'vendor-errors/fetch';
 * import { otelTelemetry } from 'vendor-errors/otel';
 * const pcsFetch = createFetch({ adapter: baiduPcs, retry: { telemetry: otelTelemetry() } });
 */
export function otelTelemetry(options?: OtelOptions): RetryTelemetry {
  const tracer = tracerOf(options, 'otelTelemetry');
  const open = ({ vendor }: { readonly vendor: string | undefined }): RetryObserver => {
    const name = vendor ?? 'call';
    const call = tracer.startSpan(`vendor-errors ${name}`, {
      kind: SpanKind.INTERNAL,
      attributes: vendor === undefined ? {} : { [ATTR.vendor]: vendor },
    });
    const parent = trace.setSpan(context.active(), call);
    let current: Span | undefined;
    let attempts = 0;
    let done = false;
    const finish = () => {
      done = true;
      call.setAttribute(ATTR.attempt, attempts);
      call.end();
    };
    return guarded({
      attempt(attempt, pacedMs) {
        attempts = attempt;
        current = tracer.startSpan(
          `vendor-errors ${name} attempt`,
          { kind: SpanKind.INTERNAL, attributes: { [ATTR.attempt]: attempt } },
          parent,
        );
        // HTTP semconv: resend_count is set on resends only (the first send has none).
        if (attempt > 1) current.setAttribute(ATTR.resendCount, attempt - 1);
        if (pacedMs > 0) current.addEvent('vendor_errors.pacer.wait', { [ATTR.pacedMs]: Math.round(pacedMs) });
      },
      run(_attempt, send) {
        return current ? context.with(trace.setSpan(context.active(), current), send) : send();
      },
      failed(_attempt, error, decision) {
        if (current) {
          failure(current, error, decision);
          current.end();
          current = undefined;
        }
        if (decision.retried) return;
        call.setAttribute(ATTR.errorType, error.kind);
        call.setAttribute(ATTR.reason, decision.reason);
        call.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        finish();
      },
      succeeded() {
        current?.end();
        current = undefined;
        if (!done) finish();
      },
      ended(reason) {
        if (done) return;
        // An abort, a throw that is not a VendorError, or a pacer's refusal.
        // Only a VendorError's message is known to be redacted; of anything else, its name.
        const vendor = isVendorError(reason) ? reason : undefined;
        const type = vendor ? vendor.kind : reason instanceof Error ? reason.name : typeof reason;
        for (const span of current ? [current, call] : [call]) {
          span.setAttribute(ATTR.errorType, type);
          span.setStatus(vendor ? { code: SpanStatusCode.ERROR, message: vendor.message } : { code: SpanStatusCode.ERROR });
        }
        current?.end();
        current = undefined;
        finish();
      },
    });
  };
  return Object.freeze({
    start(call: { readonly vendor: string | undefined }): RetryObserver | undefined {
      try {
        return open(call);
      } catch {
        // A tracer that throws: this call goes unobserved rather than failing.
        return undefined;
      }
    },
  });
}

/**
 * A `createPacer({ onChange })` handler recording each change of a key (rate lowered, paused by a
 * Retry-After, circuit state changed) as a zero-length span, under the active span if any.
 *
 * @example
 * const pacer = createPacer({ onChange: otelPacerChanges() });
 */
export function otelPacerChanges(options?: OtelOptions): (change: PacerChange) => void {
  const tracer = tracerOf(options, 'otelPacerChanges');
  return (change) => {
    const span = tracer.startSpan(`vendor-errors pacer ${change.reason}`, {
      kind: SpanKind.INTERNAL,
      attributes: {
        [ATTR.pacerKey]: change.key,
        [ATTR.pacerReason]: change.reason,
        [ATTR.pacerState]: change.snapshot.state,
        [ATTR.pacerPreviousState]: change.previousState,
        [ATTR.pacerRate]: change.snapshot.rate,
      },
    });
    span.end();
  };
}

export type { ObservedDecision, RetryObserver, RetryTelemetry } from '../retry/telemetry.js';
