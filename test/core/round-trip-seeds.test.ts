import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import { parseGuideSource, parseGuideText } from '../../src/core/parse/index.ts';
import { guideShape } from '../../src/core/shape.ts';
import { readSource } from '../../src/core/source.ts';
import { codeBlocks } from '../../src/core/walk.ts';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');
const LOCALES: Record<string, string> = { '000': 'de', '001': 'ru', '002': 'de', '003': 'pt', '004': 'id' };

describe('round trip: Milvus page → Markdown → same model', async () => {
  const files = (await readdir(SEEDS)).filter((name) => name.endsWith('.txt')).sort();
  it('has the five seeds', () => expect(files).toHaveLength(5));
  for (const name of files) {
    it(name, async () => {
      const locale = LOCALES[name.slice(0, 3)]!;
      const source = await readSource(join(SEEDS, name));
      const fromHtml = parseGuideSource(source, { locale }).guide;
      const markdown = milvusPageToMarkdown(source);
      const fromMarkdown = parseGuideText(`${locale}/${fromHtml.id}.md`, markdown, { locale }).guide;
      expect(fromHtml.format).toBe('milvus-html');
      expect(fromMarkdown.format).toBe('markdown');
      expect(guideShape(fromMarkdown)).toEqual(guideShape(fromHtml));
      expect(codeBlocks(fromHtml).length).toBeGreaterThan(3);
    });
  }
});
