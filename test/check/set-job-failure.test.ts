/**
 * A failure of the checker itself on one guide set (a bug, or an input no limit foresaw) is
 * reported on that set's files as unreadable, with the reason, instead of ending the whole check
 * with a stack trace.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/check/engine.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/check/engine.ts')>()),
  checkGuideSet: () => Promise.reject(new TypeError('x.trim is not a function')),
}));

const { checkSetJob } = await import('../../src/check/set-job.ts');

const SEEDS = join(import.meta.dirname, '..', '..', 'content');

describe('checkSetJob when the checker fails', () => {
  it('reports every file of the set as unreadable, with the reason', async () => {
    const members = ['de', 'ru'].map((locale) => ({ path: `content/${locale}/aws_layer7.md`, absolutePath: join(SEEDS, locale, 'aws_layer7.md'), locale }));
    const outcome = await checkSetJob({ key: 'aws_layer7.md', source: 'en', run: false, members });
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.unreadable).toEqual(
      members.map((member) => ({
        file: member.path,
        line: 1,
        column: 1,
        rule: 'check/failure',
        message: 'Unexpected failure of the checker on this guide (x.trim is not a function), expected findings: the guide was not checked',
      })),
    );
  });
});
