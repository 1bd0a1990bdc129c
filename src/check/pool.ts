/**
 * Where guide sets are checked: in this thread, or spread over worker threads. Results come back
 * in job order, so output never depends on scheduling.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { GuideSetJob, GuideSetOutcome } from './set-job.ts';
import { REAL_TOOLS } from '../run/real-tools.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

/** Below this many guide sets, starting workers costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 24;
/** Sets one thread keeps in progress when real tools run: the others go on while one waits. */
const SETS_AWAITING_TOOLS = 4;
/** Jobs handed to a worker ahead, so that it never waits for the main thread to send the next. */
const JOBS_AHEAD = 2;

/**
 * How many worker threads `jobCount` sets get: 0 means they are checked in this thread. `toolsRun`
 * says whether real tools run (the run/* family): a thread waiting for them leaves its core free.
 */
export function workersFor(jobCount: number, threads?: number, toolsRun = false): number {
  if (threads === undefined && (jobCount < MIN_JOBS_FOR_WORKERS || defaultWorkers(toolsRun) === 0)) return 0;
  const count = Math.max(1, Math.min(threads ?? defaultWorkers(toolsRun), jobCount));
  if (threads !== undefined && count === 1) return 0;
  return count;
}

/** Workers start loading the checker at once; the caller can read its files meanwhile. */
export function startWorkers(count: number): Worker[] {
  return Array.from({ length: count }, startWorker);
}

/**
 * Check the sets on `workers` (started by startWorkers, and terminated here), or in this thread
 * when there are none.
 */
export async function runJobs(jobs: GuideSetJob[], workers: Worker[]): Promise<GuideSetOutcome[]> {
  const outcomes = new Array<GuideSetOutcome>(jobs.length);
  // The checker is loaded here only when this thread checks: with workers it never parses a page,
  // unless a worker dies.
  const checkHere = async (index: number): Promise<void> => {
    const { checkSetJob } = await import('./set-job.ts');
    outcomes[index] = await checkSetJob(jobs[index]!);
  };
  if (workers.length === 0) {
    // While a set waits for a real tool (openssl, on another core), the next sets are checked
    // (each set gives the others their turn after every page, see checkSetJob); without tools a
    // set never waits, and one at a time keeps memory low.
    const order = toolsFirst(jobs, jobs.map((_, index) => index));
    const lanes = jobs.some((job) => job.run) ? SETS_AWAITING_TOOLS : 1;
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let index = order[next++]; index !== undefined; index = order[next++]) {
        await checkHere(index);
        // The bytes were only needed for this set's parse.
        for (const member of jobs[index]!.members) member.content = undefined;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return outcomes;
  }
  // Largest sets first, so no thread is left with one big guide at the end.
  const bySize = jobs.map((job, index) => ({ index, weight: job.members.length })).sort((a, b) => b.weight - a.weight);
  const order = toolsFirst(jobs, bySize.map((entry) => entry.index));
  let next = 0;
  const take = (): number | undefined => order[next++];
  await Promise.all(workers.map((worker) => workerLane(worker, jobs, outcomes, take, checkHere)));
  return outcomes;
}

/**
 * With real tools, the sets whose pages name one start first (in `order` otherwise): their tool
 * runs are sequential steps that take seconds (an RSA key can take openssl over one), and started
 * first they run on the other core while the rest is checked, instead of after it.
 */
export function toolsFirst(jobs: GuideSetJob[], order: number[]): number[] {
  const runsTools = (index: number): boolean => jobs[index]!.run && jobs[index]!.members.some((member) => member.content !== undefined && 'bytes' in member.content && namesRealTool(member.content.bytes));
  const first = order.filter(runsTools);
  return first.length === 0 ? order : [...first, ...order.filter((index) => !runsTools(index))];
}

const REAL_TOOL_NAMES = REAL_TOOLS.map((tool) => Buffer.from(tool));

function namesRealTool(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return REAL_TOOL_NAMES.some((name) => buffer.includes(name));
}

/**
 * One checking thread: it keeps V8 busy on a second core (compilation and garbage collection run
 * beside it, about 1.4 CPU seconds per second of checking), and each further thread compiles the
 * same code again, so on two cores a second one made the guard no faster (see the README's
 * benchmark notes). That thread is this one when the process was started with a bounded young
 * generation (`--max-semi-space-size`, as the `polyguide` command is): without it V8 grows the
 * young generation to 128 MB and the guard past 400 MB on the corpus. There, sets that wait for
 * real tools (run/*) let the next sets go on (runJobs). Otherwise the checking is done by worker
 * threads, whose heaps are bounded here (startWorker), at about half a second more on the corpus:
 * one, or one per core when real tools run, since a thread spends seconds waiting for them.
 */
function defaultWorkers(toolsRun: boolean): number {
  if (youngGenerationBounded()) return 0;
  return toolsRun ? availableParallelism() : Math.max(1, availableParallelism() - 1);
}

function youngGenerationBounded(): boolean {
  const options = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return options.some((option) => option.startsWith('--max-semi-space-size'));
}

/**
 * One worker thread, kept JOBS_AHEAD jobs ahead. If it dies (a guide too big for its bounded
 * heap), its unfinished jobs are checked on the main thread and a new worker takes over.
 */
async function workerLane(started: Worker, jobs: GuideSetJob[], outcomes: GuideSetOutcome[], take: () => number | undefined, checkHere: (index: number) => Promise<void>): Promise<void> {
  let worker = started;
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
 * A worker's heap is bounded, so that the guard stays within a few hundred MB on large inputs (its
 * memory target): the young generation is sized for the parsers' short-lived trees; a set that
 * needs more old space than allowed is checked on the main thread instead.
 */
function startWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24 } });
}
