/**
 * A Milvus-rendered page as clean Markdown: fenced code with its language, `:::note` asides,
 * headings that keep their anchor ids as `{#id}`, absolute links. Code text is never changed, and
 * the front matter is copied byte for byte.
 *
 * Where Markdown cannot put a line break (table cells, headings), a break is written as `<br>`,
 * which the Markdown front end reads back as a break.
 */
import type { Break, Heading, Root } from 'mdast';
import { directiveToMarkdown } from 'mdast-util-directive';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { defaultHandlers, toMarkdown, type Handle } from 'mdast-util-to-markdown';
import { visit } from 'unist-util-visit';
import { splitFrontMatter } from '../frontmatter.ts';
import { withinStack } from '../parse/limits.ts';
import { milvusHtmlToMdast } from '../parse/milvus-html.ts';
import type { SourceText } from '../source.ts';

export function milvusPageToMarkdown(source: SourceText): string {
  const frontMatter = splitFrontMatter(source.path, source.text);
  const body = withinStack(source.path, frontMatter.maskedText, () => mdastToMarkdown(milvusHtmlToMdast(frontMatter.maskedText, source.path).tree));
  return `---\n${frontMatter.raw}---\n\n${body}`;
}

/** A break where the construct cannot hold a line ending: `<br>` instead of the space the default writes. */
const handleBreak: Handle = (node: Break, parent, state, info) => {
  const written = defaultHandlers.break(node, parent, state, info);
  return written.includes('\n') ? written : '<br>';
};

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
    handlers: { break: handleBreak },
    extensions: [gfmToMarkdown(), directiveToMarkdown()],
  });
}
