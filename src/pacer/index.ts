export { bucketCapacity, earliestSendTime, nextSendTime, onSend } from './bucket.js';
export { isUnrestricted, keyState, onCancel, onFailure, onPause, onSuccess, onThrottle, type PacerKeyState } from './events.js';
export { pacerKey } from './key.js';
export type { PacerOptions } from './options.js';
export { createPacer } from './pacer.js';
export { DEFAULT_PACER_PARAMS, type PacerParams } from './params.js';
export { cubicRate } from './rate.js';
export {
  initialPacerState,
  type PacerCircuit,
  type PacerPhase,
  type PacerSignal,
  type PacerState,
} from './state.js';
export { type MemoryPacerStoreOptions, type PacerStore, createMemoryPacerStore } from './store.js';
export type {
  Pacer,
  PacerAcquireOptions,
  PacerChange,
  PacerKeySnapshot,
  PacerOutcome,
  PacerPermit,
  PacerReportInfo,
} from './types.js';
export { measuredRate } from './window.js';
export { getDefaultPacer, resetDefaultPacer, setDefaultPacer } from './default.js';
export type { FleetAnswer, FleetBudgetAnswer, FleetBudgetCall, FleetEvent, FleetGate, FleetView } from './fleet.js';
