/**
 * The site's remark plugin (first in the Markdown pipeline, before Starlight's):
 * 1. applies `{#Anchor}` heading ids with the core parser's own takeHeadingIds, so a heading keeps
 *    its source anchor in every locale;
 * 2. sanitizes guide content (raw HTML, unsafe URLs), see sanitize.ts;
 * 3. turns the `pg-*` directives written by guide-to-mdast.ts into elements:
 *    pg-steps → <ol class="pg-steps" start>, pg-step → <li class="pg-step" id="step-N">,
 *    pg-verdict → <div class="pg-verdict" data-state>, pg-replaced / pg-withheld → <div>.
 * Attribute values are validated here, so nothing a directive carries becomes markup unchecked.
 */
import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { takeHeadingIds } from '../../core/parse/markdown.ts';
import { sanitizeGuideTree } from './sanitize.ts';

const NUMBER = /^\d{1,6}$/;
const WORD = /^[a-z][a-z-]{0,20}$/;

export function remarkPolyguide() {
  return (tree: Root) => {
    // Ids first: `{#Anchor}` is the last text of a heading, before sanitizing may replace its children.
    takeHeadingIds(tree);
    sanitizeGuideTree(tree);
    visit(tree, (node) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective') return;
      const directive = node as ContainerDirective | LeafDirective;
      if (!directive.name.startsWith('pg-')) return;
      const attributes = directive.attributes ?? {};
      const number = (key: string): string | undefined => (NUMBER.test(attributes[key] ?? '') ? attributes[key]! : undefined);
      const word = (key: string): string | undefined => (WORD.test(attributes[key] ?? '') ? attributes[key]! : undefined);
      let hName = 'div';
      let hProperties: Record<string, unknown> = {};
      switch (directive.name) {
        case 'pg-steps':
          hName = 'ol';
          hProperties = { className: ['pg-steps'], start: number('start') };
          break;
        case 'pg-step':
          hName = 'li';
          hProperties = { className: ['pg-step'], id: number('n') ? `step-${number('n')}` : undefined, dataStep: number('n') };
          break;
        case 'pg-verdict':
          // Not a <p>: tight lists unwrap paragraphs, which would lose the badge's element.
          hName = 'div';
          hProperties = { className: ['pg-verdict'], dataState: word('state'), dataBlock: number('block') };
          break;
        case 'pg-replaced':
          hProperties = { className: ['pg-replaced'], dataBlock: number('block'), dataSource: word('locale') };
          break;
        case 'pg-withheld':
          hProperties = { className: ['pg-withheld'], dataBlock: number('block') };
          break;
        default:
          hProperties = { className: ['pg-unknown'] };
      }
      directive.data = { ...(directive.data ?? {}), hName, hProperties } as typeof directive.data;
    });
  };
}
