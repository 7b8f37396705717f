/**
 * The scenario driver: N logical calls at a fixed concurrency, with a hard cap on the whole run.
 * It knows nothing about HTTP: a call is a function that resolves (success) or rejects (failure).
 */

/** What {@link drive} runs. */
export interface DriveOptions {
  /** Logical calls to make. */
  readonly calls: number;
  /** Calls in flight at once (each lane starts its next call when the previous one settles). */
  readonly concurrency: number;
  /** The run stops counting after this long; calls not settled by then are failures (`unfinished`). */
  readonly capMs: number;
  /** One logical call; `index` runs from 0 to `calls - 1`. Its own signal aborts when the cap is reached. */
  readonly call: (index: number, signal: AbortSignal) => Promise<unknown>;
  /** Turns a failure into a short label for the report. @default the error's name */
  readonly label?: (error: unknown) => string;
  /** Clock in ms. @default performance.now */
  readonly now?: () => number;
}

/** What {@link drive} counted. `succeeded + failed === calls` always; `unfinished` is part of `failed`. */
export interface DriveResult {
  readonly calls: number;
  readonly succeeded: number;
  /** Calls that rejected, plus calls not settled (or not started) when the cap was reached. */
  readonly failed: number;
  /** Calls still in flight or never started at the cap. */
  readonly unfinished: number;
  /** Whether the cap was reached before every call settled. */
  readonly timedOut: boolean;
  /** From the first call's start to the last call's end, or the cap when it was reached. */
  readonly durationMs: number;
  /** Latency of each settled call (success or failure), in ms, in settling order. */
  readonly latenciesMs: readonly number[];
  /** Failures by label (unfinished calls are not included). */
  readonly errors: Readonly<Record<string, number>>;
}

function defaultLabel(error: unknown): string {
  if (error instanceof Error) return error.name || 'Error';
  return typeof error;
}

/**
 * Runs `calls` logical calls, `concurrency` at a time, and counts them. Never rejects: a call that
 * throws is a failure, a call still pending at `capMs` is an unfinished failure and is abandoned
 * (its signal is aborted; whatever it does afterwards is not counted).
 */
export async function drive(options: DriveOptions): Promise<DriveResult> {
  const { calls, capMs, call } = options;
  if (!Number.isInteger(calls) || calls < 0) throw new TypeError(`drive: calls must be a non-negative integer, got ${calls}`);
  const concurrency = Math.max(1, Math.min(calls || 1, Math.floor(options.concurrency)));
  const label = options.label ?? defaultLabel;
  const now = options.now ?? (() => performance.now());
  // One signal per call, not one for the run: undici's fetch adds an abort listener to the
  // signal of every request and removes it only when the request is garbage-collected, and
  // adding a listener walks the list. On one shared signal a block of 400 calls spent a fifth of
  // its CPU time in addEventListener, more or less depending on when the GC ran.
  const inFlight = new Set<AbortController>();
  const latencies: number[] = [];
  const errors: Record<string, number> = Object.create(null);
  let succeeded = 0;
  let failedCalls = 0;
  let next = 0;
  let stopped = false;
  const start = now();
  let end = start;

  async function lane(): Promise<void> {
    while (!stopped && next < calls) {
      const index = next++;
      const t0 = now();
      let ok = true;
      let error: unknown;
      const controller = new AbortController();
      inFlight.add(controller);
      try {
        await call(index, controller.signal);
      } catch (e) {
        ok = false;
        error = e;
      }
      inFlight.delete(controller);
      if (stopped) return; // settled after the cap: not counted
      const t1 = now();
      latencies.push(t1 - t0);
      end = t1;
      if (ok) succeeded++;
      else {
        failedCalls++;
        const key = safeLabel(label, error);
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const capped = new Promise<'cap'>((resolve) => {
    timer = setTimeout(() => resolve('cap'), capMs);
  });
  const lanes = Promise.all(Array.from({ length: concurrency }, () => lane())).then(() => 'done' as const);
  const outcome = calls === 0 ? 'done' : await Promise.race([lanes, capped]);
  clearTimeout(timer);
  if (outcome === 'cap') {
    stopped = true;
    const reason = new DOMException(`benchmark cap of ${capMs} ms reached`, 'TimeoutError');
    for (const c of inFlight) c.abort(reason);
    end = start + capMs;
  }
  const unfinished = calls - succeeded - failedCalls;
  return {
    calls,
    succeeded,
    failed: calls - succeeded,
    unfinished,
    timedOut: outcome === 'cap',
    durationMs: end - start,
    latenciesMs: latencies,
    errors,
  };
}

function safeLabel(label: (error: unknown) => string, error: unknown): string {
  try {
    return String(label(error)).slice(0, 120);
  } catch {
    return 'unlabelled error';
  }
}
