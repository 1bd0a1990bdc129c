/**
 * Spreading guide sets over worker threads (one per core), in-process when there is little work.
 * Results come back in job order, so output never depends on scheduling.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkSetJob, type GuideSetJob, type GuideSetOutcome } from './set-job.ts';

/** Below this many guide sets, starting workers costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 24;

export async function runJobs(jobs: GuideSetJob[], workers?: number): Promise<GuideSetOutcome[]> {
  const count = Math.max(1, Math.min(workers ?? availableParallelism(), jobs.length));
  if (count === 1 || (workers === undefined && jobs.length < MIN_JOBS_FOR_WORKERS)) {
    const outcomes: GuideSetOutcome[] = [];
    for (const job of jobs) outcomes.push(await checkSetJob(job));
    return outcomes;
  }
  const outcomes = new Array<GuideSetOutcome>(jobs.length);
  // Largest sets first, so no worker is left with one big guide at the end.
  const order = jobs.map((job, index) => ({ index, weight: job.members.length })).sort((a, b) => b.weight - a.weight);
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      let worker = startWorker();
      try {
        while (next < order.length) {
          const { index } = order[next++]!;
          try {
            outcomes[index] = await ask(worker, jobs[index]!);
          } catch (error) {
            if (!(error instanceof WorkerDied)) throw error;
            // A guide too big for a worker's heap is checked here instead; the pool goes on.
            outcomes[index] = await checkSetJob(jobs[index]!);
            worker = startWorker();
          }
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return outcomes;
}

/**
 * Workers get a bounded heap so that two of them stay within a few hundred MB on large inputs
 * (the guard's memory target); a set that needs more falls back to the main thread.
 */
function startWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 64 } });
}

class WorkerDied extends Error {}

function ask(worker: Worker, job: GuideSetJob): Promise<GuideSetOutcome> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { ok: true; outcome: GuideSetOutcome } | { ok: false; error: string }): void => {
      worker.off('error', onError);
      if (message.ok) resolve(message.outcome);
      else reject(new Error(message.error));
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(new WorkerDied(error.message));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}
