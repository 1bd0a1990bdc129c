import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { workersFor } from '../../src/check/pool.ts';

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
