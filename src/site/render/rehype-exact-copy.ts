/**
 * The copy button of a runbook script copies the script byte for byte.
 *
 * Expressive Code builds its copy button's `data-code` from the block as it displays it: line ends
 * trimmed, leading and trailing blank lines and the final newline dropped. For a guide's commands
 * that is what the site wants; a script must be copied exactly as runbook.sh holds it (a line
 * ending in `\ `, or a YAML block scalar kept with `|+`, changes meaning when trimmed).
 *
 * How: remark-polyguide.ts records the text of every `pg-role=script` code block in the file's
 * data (`recordExactCopy`); this rehype plugin runs after Expressive Code's and writes that text
 * into the copy button of the matching `figure[data-pg-role="script"]` (ec.config.mjs sets the
 * attribute), in document order. The text stays an attribute value, escaped by the serializer.
 *
 * Expressive Code appends its rehype plugin to the unified processor's list while Astro sets up
 * integrations; `exactCopyIntegration` appends this one in `astro:config:done`, when every
 * integration has been set up, so it runs after it. Should it ever run first, it finds no rendered
 * figure for a recorded script and fails the build rather than publish a lossy copy button.
 */
import type { AstroIntegration } from 'astro';
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const KEY = 'polyguideExactCopy';

/** Expressive Code's copy button encodes line breaks as U+007F in `data-code`. */
const EC_NEWLINE = '\u007f';

/** Called by remark-polyguide for each `pg-role=script` block: what its copy button must copy. */
export function recordExactCopy(file: VFile, text: string): void {
  const data = file.data as Record<string, unknown>;
  const list = (data[KEY] as string[] | undefined) ?? [];
  list.push(text);
  data[KEY] = list;
}

export function rehypeExactCopy() {
  return (tree: Root, file: VFile) => {
    const texts = (file.data as Record<string, unknown>)[KEY] as string[] | undefined;
    if (!texts || texts.length === 0) return;
    let next = 0;
    visit(tree, 'element', (element: Element) => {
      if (element.tagName !== 'figure' || element.properties?.dataPgRole !== 'script') return undefined;
      const text = texts[next++];
      if (text === undefined) return SKIP;
      visit(element, 'element', (inner: Element) => {
        if (inner.tagName === 'button' && inner.properties?.dataCode !== undefined) inner.properties.dataCode = text.replace(/\r?\n/g, EC_NEWLINE);
      });
      return SKIP;
    });
    if (next < texts.length) {
      throw new Error(`${file.path ?? 'page'}: ${texts.length - next} runbook script block(s) were not rendered by Expressive Code before rehype-exact-copy ran`);
    }
  };
}

/** Adds rehypeExactCopy after Expressive Code to the site's unified Markdown processor. */
export function exactCopyIntegration(): AstroIntegration {
  return {
    name: 'polyguide-exact-copy',
    hooks: {
      'astro:config:done': ({ config }) => {
        const processor = config.markdown.processor as { name?: string; options?: { rehypePlugins?: unknown[] } } | undefined;
        const plugins = processor?.options?.rehypePlugins;
        if (processor?.name !== 'unified' || !Array.isArray(plugins)) {
          throw new Error('polyguide-exact-copy needs the unified() Markdown processor (see astro.config.mjs)');
        }
        if (!plugins.includes(rehypeExactCopy)) plugins.push(rehypeExactCopy);
      },
    },
  };
}
