/** What a pacer shows of a key: `snapshot()` entries, and the `onChange` calls for logs and metrics. */
import { keyState } from './events.js';
import type { PacerParams } from './params.js';
import type { Lane } from './queue.js';
import type { PacerState } from './state.js';
import type { PacerChange, PacerKeySnapshot } from './types.js';
import { measuredRate } from './window.js';

/** One key as `snapshot()` shows it. */
export function snapshotOf(state: PacerState, t: number, lane: Lane | undefined, params: PacerParams): PacerKeySnapshot {
  return Object.freeze({
    state: keyState(state, t),
    phase: state.phase,
    rate: state.rate,
    measuredRate: measuredRate(state, t, params),
    queue: lane?.queue.size ?? 0,
    inFlight: lane?.inFlight ?? 0,
    pausedUntil: state.pausedUntil > t ? state.pausedUntil : undefined,
    failures: state.failures,
    probeAt: state.circuit === 'open' ? state.probeAt : undefined,
  });
}

/** Tells `onChange` of a new pause, a decrease or a new key state since it was last told. */
export function tell(
  lane: Lane,
  state: PacerState,
  t: number,
  params: PacerParams,
  onChange: ((change: PacerChange) => void) | undefined,
): void {
  if (!onChange) return;
  const current = keyState(state, t);
  let reason: PacerChange['reason'] | undefined;
  if (state.pausedUntil > lane.seenPause && state.pausedUntil > t) reason = 'pause';
  else if (state.rate < lane.seenRate && state.phase !== 'unlimited') reason = 'decrease';
  else if (current !== lane.seenState) reason = 'state';
  const previousState = lane.seenState;
  lane.seenState = current;
  lane.seenRate = state.rate;
  lane.seenPause = Math.max(lane.seenPause, state.pausedUntil);
  if (!reason) return;
  try {
    onChange({ key: lane.key, reason, previousState, snapshot: snapshotOf(state, t, lane, params) });
  } catch {
    // A logging callback cannot break pacing.
  }
}
