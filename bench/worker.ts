/**
 * A benchmark worker: a child process of `bench/run.ts` that runs the job sent over IPC and
 * reports its result. The runner starts one per job and ends it afterwards (a run cut short by its
 * cap may leave calls retrying in the background; they die with the process).
 */
import { measureClassification } from './lib/classify.ts';
import { clientById } from './lib/clients.ts';
import { measureColdBurst } from './lib/cold-burst.ts';
import { measureOverhead } from './lib/overhead.ts';
import { runScenario } from './lib/scenario-run.ts';
import { buildScenarios } from './lib/scenarios.ts';
import type { WorkerJob, WorkerMessage } from './lib/protocol.ts';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(job: WorkerJob): Promise<unknown> {
  switch (job.type) {
    case 'scenario': {
      const def = buildScenarios(job.mode).find((s) => s.id === job.scenarioId);
      if (!def) throw new Error(`unknown scenario ${job.scenarioId}`);
      const before = cpuMs();
      const result = await runScenario(def, clientById(job.clientId), { warmupCalls: job.warmupCalls });
      return { ...result, cpuMs: cpuMs() - before };
    }
    case 'overhead':
      return measureOverhead(job.options);
    case 'cold-burst':
      return measureColdBurst(job.options);
    case 'classify':
      return measureClassification(job.timeMs);
  }
}

process.on('message', (job: WorkerJob) => {
  run(job).then(
    (result) => send({ type: 'result', id: job.id, result }),
    async (error: unknown) => {
      await send({ type: 'error', id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
});

// Unhandled rejections from abandoned peer calls must not take the worker down mid-run.
process.on('unhandledRejection', () => {});
void send({ type: 'ready' });
