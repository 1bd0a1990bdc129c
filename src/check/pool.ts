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
      const worker = new Worker(new URL('./worker.ts', import.meta.url));
      try {
        while (next < order.length) {
          const { index } = order[next++]!;
          outcomes[index] = await ask(worker, jobs[index]!);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return outcomes;
}

function ask(worker: Worker, job: GuideSetJob): Promise<GuideSetOutcome> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { ok: true; outcome: GuideSetOutcome } | { ok: false; error: string }): void => {
      worker.off('error', onError);
      if (message.ok) resolve(message.outcome);
      else reject(new Error(message.error));
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}
