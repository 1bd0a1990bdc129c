import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { toolsFirst, workersFor } from '../../src/check/pool.ts';
import type { GuideSetJob } from '../../src/check/set-job.ts';

const saved = process.env.NODE_OPTIONS;
afterEach(() => {
  if (saved === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = saved;
});

describe('workersFor (how many worker threads check; 0 means this thread)', () => {
  it('checks in this thread when the process bounds its young generation, as the polyguide command does', () => {
    process.env.NODE_OPTIONS = '--max-semi-space-size=8';
    expect(workersFor(270)).toBe(0);
  });

  it('uses a worker, whose heap it bounds, when the process does not', () => {
    process.env.NODE_OPTIONS = '';
    expect(process.execArgv.some((option) => option.startsWith('--max-semi-space-size'))).toBe(false);
    expect(workersFor(270)).toBe(Math.max(1, availableParallelism() - 1));
  });

  it('also checks in this thread when real tools run, if the process bounds its young generation', () => {
    process.env.NODE_OPTIONS = '--max-semi-space-size=8';
    expect(workersFor(270, undefined, true)).toBe(0);
  });

  it('otherwise uses one worker per core when real tools run (threads wait for them)', () => {
    process.env.NODE_OPTIONS = '';
    expect(workersFor(270, undefined, true)).toBe(availableParallelism());
  });

  it('follows --workers: 1 is this thread, more are workers, never more than the sets', () => {
    expect(workersFor(270, 1)).toBe(0);
    expect(workersFor(270, 3)).toBe(3);
    expect(workersFor(2, 3)).toBe(2);
  });

  it('checks a few sets in this thread whatever the process', () => {
    process.env.NODE_OPTIONS = '';
    expect(workersFor(5)).toBe(0);
    expect(workersFor(5, undefined, true)).toBe(0);
  });
});

describe('toolsFirst (the order sets start in when real tools run)', () => {
  const job = (key: string, text: string | null, run = true): GuideSetJob => ({
    key,
    source: 'en',
    run,
    members: [{ path: `${key}.md`, absolutePath: `/${key}.md`, locale: 'en', content: text === null ? undefined : { bytes: new TextEncoder().encode(text), size: text.length } }],
  });

  it('starts the sets whose pages name a real tool first, each group in the given order', () => {
    const jobs = [job('a', 'kubectl get pods'), job('b', 'openssl genrsa -out tls.key 2048'), job('c', 'helm install'), job('d', 'run `openssl req`')];
    expect(toolsFirst(jobs, [0, 1, 2, 3])).toEqual([1, 3, 0, 2]);
    expect(toolsFirst(jobs, [3, 2, 1, 0])).toEqual([3, 1, 2, 0]);
  });

  it('keeps the order when tools do not run, or when no page names one', () => {
    const noRun = [job('a', 'x'), job('b', 'openssl version', false)];
    expect(toolsFirst(noRun, [0, 1])).toEqual([0, 1]);
    const noTool = [job('a', 'kubectl'), job('b', null), job('c', 'helm')];
    expect(toolsFirst(noTool, [2, 0, 1])).toEqual([2, 0, 1]);
  });
});
