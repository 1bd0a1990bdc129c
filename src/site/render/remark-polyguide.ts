/**
 * The site's remark plugin (first in the Markdown pipeline, before Starlight's):
 * 1. applies `{#Anchor}` heading ids with the core parser's own takeHeadingIds, so a heading keeps
 *    its source anchor in every locale;
 * 2. sanitizes guide content (raw HTML, unsafe URLs), see sanitize.ts;
 * 3. turns the `pg-*` directives written by guide-to-mdast.ts into elements:
 *    pg-steps → <ol class="pg-steps" start>, pg-step → <li class="pg-step" id="step-N">,
 *    pg-verdict → <div class="pg-verdict" data-state>, pg-replaced / pg-withheld → <div>;
 *    the runbook section (runbook-section.ts): pg-runbook → <div class="pg-runbook">,
 *    :pg-download → <a href download> (a site path and a plain file name only),
 *    :pg-file → <span class="pg-file" data-state>;
 * 4. records the text of `pg-role=script` code blocks for rehype-exact-copy.ts.
 * Attribute values are validated here, so nothing a directive carries becomes markup unchecked.
 */
import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { takeHeadingIds } from '../../core/parse/markdown.ts';
import { recordExactCopy } from './rehype-exact-copy.ts';
import { isSafeUrl, sanitizeGuideTree } from './sanitize.ts';

const NUMBER = /^\d{1,6}$/;
const WORD = /^[a-z][a-z-]{0,20}$/;
/** A path on this site: `/ru/aws_layer7/files/ingress.yaml`, no `.` or `..` segments, no scheme. */
const SITE_PATH = /^(?:\/[\p{L}\p{N}_~.-]+)+\/?$/u;
/** A base file name for the `download` attribute. */
const FILE_NAME = /^[^\u0000-\u001f\u007f/\\"<>:|?*]{1,150}$/u;
const SCRIPT_BLOCK = /(?:^|\s)pg-role=script(?:\s|$)/;

function sitePath(value: string | null | undefined): string | undefined {
  if (!value || !SITE_PATH.test(value) || !isSafeUrl(value)) return undefined;
  return value.split('/').some((segment) => segment === '.' || segment === '..') ? undefined : value;
}

export function remarkPolyguide() {
  return (tree: Root, file: VFile) => {
    // Ids first: `{#Anchor}` is the last text of a heading, before sanitizing may replace its children.
    takeHeadingIds(tree);
    sanitizeGuideTree(tree);
    visit(tree, (node) => {
      // A runbook script is a whole file: its copy button copies it with its final newline.
      if (node.type === 'code' && SCRIPT_BLOCK.test(node.meta ?? '')) recordExactCopy(file, `${node.value}\n`);
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      const directive = node as ContainerDirective | LeafDirective | TextDirective;
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
        case 'pg-runbook':
          // The script and file names are not what readers search for.
          hProperties = { className: ['pg-runbook'], dataPagefindIgnore: 'all' };
          break;
        case 'pg-download': {
          const href = sitePath(attributes.href);
          const download = FILE_NAME.test(attributes.download ?? '') ? attributes.download : undefined;
          // Without a valid target it is plain text, never a link.
          hName = href ? 'a' : 'span';
          hProperties = { className: ['pg-download'], href, download: href ? download : undefined, dataState: word('state') };
          break;
        }
        case 'pg-file':
          hName = 'span';
          hProperties = { className: ['pg-file'], dataState: word('state') };
          break;
        default:
          if (directive.type === 'textDirective') hName = 'span';
          hProperties = { className: ['pg-unknown'] };
      }
      directive.data = { ...(directive.data ?? {}), hName, hProperties } as typeof directive.data;
    });
  };
}
