export {
  DEFAULT_PACER_PARAMS,
  type PacerCircuit,
  type PacerKeyState,
  type PacerParams,
  type PacerPhase,
  type PacerSignal,
  type PacerState,
  bucketCapacity,
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
} from './algorithm.js';
export { pacerKey } from './key.js';
export {
  type Pacer,
  type PacerAcquireOptions,
  type PacerChange,
  type PacerKeySnapshot,
  type PacerOptions,
  type PacerPermit,
  type PacerReportInfo,
  createPacer,
} from './pacer.js';
export { type MemoryPacerStoreOptions, type PacerStore, createMemoryPacerStore } from './store.js';
export { getDefaultPacer, resetDefaultPacer, setDefaultPacer } from './default.js';
