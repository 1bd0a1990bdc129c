/** Worker thread body: check the guide sets it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { checkSetJob, type GuideSetJob } from './set-job.ts';

parentPort!.on('message', async (job: GuideSetJob) => {
  try {
    parentPort!.postMessage({ ok: true, outcome: await checkSetJob(job) });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: (error as Error).stack ?? String(error) });
  }
});
