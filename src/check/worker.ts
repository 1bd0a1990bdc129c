/** Worker thread body: check the guide sets it is sent, one at a time, in the order sent. */
import { parentPort } from 'node:worker_threads';
import { checkSetJob, type GuideSetJob, type GuideSetOutcome } from './set-job.ts';

export interface WorkerRequest {
  id: number;
  job: GuideSetJob;
}

export type WorkerReply = { id: number; ok: true; outcome: GuideSetOutcome } | { id: number; ok: false; error: string };

const queue: WorkerRequest[] = [];
let busy = false;

parentPort?.on('message', (request: WorkerRequest) => {
  queue.push(request);
  if (!busy) void drain();
});

async function drain(): Promise<void> {
  busy = true;
  for (let request = queue.shift(); request; request = queue.shift()) {
    let reply: WorkerReply;
    try {
      reply = { id: request.id, ok: true, outcome: await checkSetJob(request.job) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: (error as Error).stack ?? String(error) };
    }
    parentPort!.postMessage(reply);
  }
  busy = false;
}
