/**
 * A Milvus-rendered page as clean Markdown: fenced code with its language, `:::note` asides,
 * headings that keep their anchor ids as `{#id}`, absolute links. Code text is never changed, and
 * the front matter is copied byte for byte.
 */
import type { Heading, Root } from 'mdast';
import { directiveToMarkdown } from 'mdast-util-directive';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { visit } from 'unist-util-visit';
import { splitFrontMatter } from '../frontmatter.ts';
import { milvusHtmlToMdast } from '../parse/milvus-html.ts';
import type { SourceText } from '../source.ts';

export function milvusPageToMarkdown(source: SourceText): string {
  const frontMatter = splitFrontMatter(source.path, source.text);
  const { tree } = milvusHtmlToMdast(frontMatter.maskedText, source.path);
  return `---\n${frontMatter.raw}---\n\n${mdastToMarkdown(tree)}`;
}

export function mdastToMarkdown(tree: Root): string {
  visit(tree, 'heading', (heading: Heading) => {
    const id = (heading.data as { id?: string } | undefined)?.id;
    if (id) heading.children.push({ type: 'text', value: ` {#${id}}` });
  });
  return toMarkdown(tree, {
    bullet: '-',
    emphasis: '_',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
    extensions: [gfmToMarkdown(), directiveToMarkdown()],
  });
}
