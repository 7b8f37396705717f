/** Messages between `bench/run.ts` and its workers (`bench/worker.ts`). */
import type { ColdBurstOptions } from './cold-burst.ts';
import type { OverheadOptions } from './overhead.ts';
import type { Mode } from './scenarios.ts';

export type WorkerJob =
  | {
      readonly type: 'scenario';
      readonly id: number;
      readonly mode: Mode;
      readonly scenarioId: string;
      readonly clientId: string;
      /** Calls before the scenario starts (`--warmup`; 0: a cold client, a fresh pacer key). */
      readonly warmupCalls?: number;
    }
  | { readonly type: 'overhead'; readonly id: number; readonly options: OverheadOptions }
  | { readonly type: 'cold-burst'; readonly id: number; readonly options: ColdBurstOptions }
  | { readonly type: 'classify'; readonly id: number; readonly timeMs: number };

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: string };
