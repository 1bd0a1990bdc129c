/**
 * Discovery and locale siblings: which files a check reads for the paths it is given. A content
 * root that was walked needs no look for siblings; one that was not (a locale folder or a file
 * named alone) gets its other locales from disk.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverGuides, localeSiblings } from '../../src/core/layout.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'polyguide-layout-'));
  const files = ['docs/en/a.md', 'docs/en/guides/b.md', 'docs/de/a.md', 'docs/ru/guides/b.md', 'docs/ru/README.md', 'other/pt/c.md'];
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '# x\n');
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const siblingsOf = async (inputs: string[]): Promise<string[]> => {
  const files = await discoverGuides(inputs, root);
  return (await localeSiblings(files, root, inputs)).map((file) => file.path).sort();
};

describe('localeSiblings', () => {
  it.each([
    { inputs: ['docs'], found: [] },
    { inputs: ['.'], found: [] },
    { inputs: ['docs/de'], found: ['docs/en/a.md'] },
    { inputs: ['docs/ru'], found: ['docs/en/guides/b.md'] },
    { inputs: ['docs/de/a.md'], found: ['docs/en/a.md'] },
    // A folder inside a locale folder gives files without a locale (describe looks no higher).
    { inputs: ['docs/en/guides'], found: [] },
    { inputs: ['docs/de', 'other'], found: ['docs/en/a.md'] },
  ])('for $inputs adds $found', async ({ inputs, found }) => {
    expect(await siblingsOf(inputs)).toEqual(found);
  });

  it('gives with the inputs named what it gives looking at every root', async () => {
    for (const inputs of [['docs'], ['docs/de'], ['docs/en/guides'], ['docs/de/a.md', 'other']]) {
      const files = await discoverGuides(inputs, root);
      const looked = (await localeSiblings(files, root)).map((file) => file.path).sort();
      expect(await siblingsOf(inputs)).toEqual(looked);
    }
  });
});
