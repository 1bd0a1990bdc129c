/**
 * Large Markdown pages are parsed in pieces (src/core/parse/markdown-chunks.ts): the cuts must
 * fall only where the pieces parse to the tree of the whole page, positions included.
 */
import { describe, expect, it } from 'vitest';
import { markdownCuts } from '../../src/core/parse/markdown-chunks.ts';
import { markdownToMdast } from '../../src/core/parse/markdown.ts';

/** Every allowed cut, whatever the page's size. */
const EVERYWHERE = { from: 0, piece: 1 };

/** The lines (1-based) that a cut goes before. */
function cutLines(text: string): number[] {
  return markdownCuts(text, EVERYWHERE).map((offset) => text.slice(0, offset).split('\n').length);
}

describe('where a Markdown page may be cut', () => {
  const cases: Array<[string, string, number[]]> = [
    ['before a heading, a paragraph, a fence and a directive after a blank line', '# A\n\ntext\n\n```bash\nls\n```\n\n:::note\nx\n:::\n', [3, 5, 9]],
    ['not inside a fence, though it holds blank lines and headings', '# A\n\n```md\n\n# not a heading\n\ntext\n```\n\nafter\n', [3, 10]],
    ['not inside a tilde fence closed by a longer one', '~~~\n\n# x\n~~~~\n\ny\n', [6]],
    ['not inside a directive container', ':::note\n\n# inside\n\ntext\n:::\n\nafter\n', [8]],
    ['not inside nested directive containers', '::::tip\n:::note\n\nx\n:::\n\ny\n::::\n\nz\n', [10]],
    ['not inside a container that a shorter bare fence does not close', '::::tip\n:::\n\nx\n::::\n\nz\n', [7]],
    ['not inside an HTML block that ends at its closing tag', '<pre>\n\n# x\n\n</pre>\n\n<!--\n\n# y\n-->\n\nz\n', [7, 12]],
    ['before a one-line comment block, and after it', 'a\n\n<!-- c -->\n\nb\n', [3, 5]],
    ['not before a line a list may continue', '- a\n\n- b\n\n  continued\n\n1. c\n\nnext\n', [9]],
    ['not before an indented line', 'a\n\n    code\n\nb\n', [5]],
    ['not after a line that is not blank', '# A\ntext\n## B\n', []],
  ];
  for (const [name, text, lines] of cases) {
    it(name, () => {
      expect(cutLines(text)).toEqual(lines);
    });
  }

  it('not at all when the page defines link or footnote labels, which reach across it', () => {
    expect(cutLines('# A\n\nSee [x].\n\n## B\n\n[x]: https://example.com\n')).toEqual([]);
    expect(cutLines('# A\n\nSee [^1].\n\n## B\n\n[^1]: a note\n')).toEqual([]);
  });

  it('not below 256 kB, and in pieces of 64 kB at least above it', () => {
    const section = (index: number): string => `## Section ${index} {#s${index}}\n\n\`\`\`bash\nkubectl get pods -n ns${index}\n\`\`\`\n\n`;
    const page = Array.from({ length: 12_000 }, (_, index) => section(index)).join('');
    expect(page.length).toBeGreaterThan(256 * 1024);
    const cuts = markdownCuts(page);
    expect(cuts.length).toBeGreaterThan(3);
    expect(cuts.every((cut, index) => cut - (cuts[index - 1] ?? 0) >= 64 * 1024)).toBe(true);
    expect(markdownCuts(page.slice(0, 200 * 1024))).toEqual([]);
  });
});

describe('a page parsed in pieces', () => {
  const pages: Array<[string, string]> = [
    ['headings, fences, lists, quotes and tables', '# Install {#install}\n\nRun:\n\n```bash\nhelm install a\n```\n\n- one\n- two\n\n> quoted\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## Next\n\nDone `x`.\n'],
    ['asides and an unclosed fence', ':::note\nA **note**.\n:::\n\ntext\n\n```yaml\nkey: value\n'],
    ['HTML blocks and blank lines in them', '<div>\n\n<p>x</p>\n\n</div>\n\n<pre>\n\ny\n</pre>\n\nafter <br> it\n'],
    ['blank lines of spaces, as front matter is masked', '   \n  \n\n# T\n\ntext\n\n\n\nmore\n'],
    ['a container holding a shorter bare fence', '::::note\n:::\n\nx\n::::\n\nafter\n'],
    // The guessed cut is wrong in these (found by fuzzing): each join is checked by parsing again.
    ['a fence in a list item, then a line that ends the item and opens a CDATA block to the end', '- Option 1\n  ```yaml\n<![CDATA[\n  ```\n\nRun these commands.\n\n## Next\n'],
    ['a fence in a list item, then a script block', '1. Import:\n   ```bash\n<script>\n   ```\n\nOnce done, call the API.\n'],
    ['a container directive in a list item, left open', '- :::note\n\nOnce done, call the API.\n'],
    ['after indented code `2. x` is a paragraph, not a list, also where the next piece begins', '# T\n\n```yaml\n```\n\tcode\n2. Configure it.\n\nexternalS3:\n'],
  ];
  for (const [name, text] of pages) {
    it(`gives the tree of the whole page, positions included: ${name}`, () => {
      expect(markdownCuts(text, EVERYWHERE).length).toBeGreaterThan(0);
      expect(markdownToMdast(text, EVERYWHERE)).toEqual(markdownToMdast(text, { from: Infinity }));
    });
  }

  it('gives the tree of the whole page for a large page cut by default', () => {
    const page = Array.from({ length: 7_000 }, (_, index) => `## S ${index}\n\nText *${index}*.\n\n\`\`\`bash\necho ${index}\n\`\`\`\n\n`).join('');
    expect(markdownCuts(page).length).toBeGreaterThan(0);
    expect(markdownToMdast(page)).toEqual(markdownToMdast(page, { from: Infinity }));
  });
});
