import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/missing-block', () => {
  it('reports the one missing block and keeps pairing the blocks after it', async () => {
    const missing = await findingsOf('missing-block/invalid', 'cross/missing-block');
    expect(missing.map(brief)).toEqual([{ file: 'de/guide.md', line: 10, column: 4, severity: 'warning', reference: { file: 'en/guide.md', line: 13 } }]);
    expect(missing[0]!.message).toContain('`helm repo update`');
    expect(await findingsOf('missing-block/invalid', 'cross/code-drift')).toEqual([]);
  });

  it('is silent when every block is there', async () => {
    expect(await findingsOf('missing-block/valid', 'cross/missing-block')).toEqual([]);
  });

  it('points at the first heading for a block missing from the text before it (found by fuzzing: it pointed at the front matter, line 1)', async () => {
    const missing = await findingsOf('missing-block/intro', 'cross/missing-block');
    expect(missing.map(brief)).toEqual([{ file: 'de/guide.md', line: 8, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 9 } }]);
  });

  it('points at the fence of an empty block, not past the end of the file that it runs to (found by fuzzing)', async () => {
    const missing = await findingsOf('missing-block/empty-at-end', 'cross/missing-block');
    // en has 9 lines and ends in an open fence at line 9.
    expect(missing.map(brief)).toEqual([{ file: 'de/guide.md', line: 6, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 9 } }]);
  });
});

describe('cross/extra-block', () => {
  it('reports a block the reference does not have', async () => {
    const extra = await findingsOf('extra-block/invalid', 'cross/extra-block');
    expect(extra.map(brief)).toEqual([{ file: 'de/guide.md', line: 13, column: 1, severity: 'warning' }]);
  });

  it('is silent when the blocks match', async () => {
    expect(await findingsOf('extra-block/valid', 'cross/extra-block')).toEqual([]);
  });
});
