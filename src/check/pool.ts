/**
 * Spreading guide sets over the cores: the main thread checks sets itself and one worker thread
 * per further core does the same (a worker for every core would leave the main thread idle and
 * load every module once more). Results come back in job order, so output never depends on
 * scheduling.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkSetJob, type GuideSetJob, type GuideSetOutcome } from './set-job.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

/** Below this many guide sets, starting workers costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 24;
/**
 * Jobs handed to a worker ahead: the main thread only hears back between its own jobs, and a
 * worker with its next job already queued never waits for that.
 */
const JOBS_AHEAD = 3;

export async function runJobs(jobs: GuideSetJob[], threads?: number): Promise<GuideSetOutcome[]> {
  const count = Math.max(1, Math.min(threads ?? availableParallelism(), jobs.length));
  const outcomes = new Array<GuideSetOutcome>(jobs.length);
  if (count === 1 || (threads === undefined && jobs.length < MIN_JOBS_FOR_WORKERS)) {
    for (let index = 0; index < jobs.length; index++) outcomes[index] = await checkSetJob(jobs[index]!);
    return outcomes;
  }
  // Largest sets first, so no thread is left with one big guide at the end.
  const order = jobs.map((job, index) => ({ index, weight: job.members.length })).sort((a, b) => b.weight - a.weight);
  let next = 0;
  const take = (): number | undefined => (next < order.length ? order[next++]!.index : undefined);

  const checkHere = async (index: number): Promise<void> => {
    outcomes[index] = await checkSetJob(jobs[index]!);
  };
  const lanes: Array<Promise<void>> = [];
  for (let lane = 1; lane < count; lane++) lanes.push(workerLane(jobs, outcomes, take, checkHere));
  lanes.push(
    (async () => {
      for (let index = take(); index !== undefined; index = take()) {
        await checkHere(index);
        // Let the workers' replies in, so that they are handed their next jobs.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })(),
  );
  await Promise.all(lanes);
  return outcomes;
}

/**
 * One worker thread, kept JOBS_AHEAD jobs ahead. If it dies (a guide too big for its bounded
 * heap), its unfinished jobs are checked on the main thread and a new worker takes over.
 */
async function workerLane(jobs: GuideSetJob[], outcomes: GuideSetOutcome[], take: () => number | undefined, checkHere: (index: number) => Promise<void>): Promise<void> {
  let worker = startWorker();
  const inFlight = new Set<number>();
  try {
    for (;;) {
      const finished = await new Promise<number | 'empty'>((resolve, reject) => {
        while (inFlight.size < JOBS_AHEAD) {
          const index = take();
          if (index === undefined) break;
          inFlight.add(index);
          worker.postMessage({ id: index, job: jobs[index]! } satisfies WorkerRequest);
          // The worker has its copy of the bytes; this thread need not keep them.
          for (const member of jobs[index]!.members) member.content = undefined;
        }
        if (inFlight.size === 0) return resolve('empty');
        const onMessage = (reply: WorkerReply): void => {
          worker.off('error', onError);
          if (!reply.ok) return reject(new Error(reply.error));
          outcomes[reply.id] = reply.outcome;
          inFlight.delete(reply.id);
          resolve(reply.id);
        };
        const onError = (): void => {
          worker.off('message', onMessage);
          resolve(-1);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
      });
      if (finished === 'empty') return;
      if (finished === -1) {
        for (const index of inFlight) await checkHere(index);
        inFlight.clear();
        worker = startWorker();
      }
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Workers get a bounded heap so that the guard stays within a few hundred MB on large inputs
 * (its memory target); a set that needs more is checked on the main thread instead.
 */
function startWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 64 } });
}
