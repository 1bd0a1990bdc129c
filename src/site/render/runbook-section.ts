/**
 * The "Runbook" section at the end of a guide page, as Markdown in the site's own vocabulary:
 * a heading with its own anchor (`#pg-runbook`), a `pg-runbook` container, the downloads as
 * `:pg-download[name]{href download}` text directives (links with a `download` attribute, made in
 * remark-polyguide.ts, which validates the attributes; a withheld file is `:pg-file[`name`]{state}`), and the whole script as an ordinary code
 * block (`pg-role=script`), so Expressive Code renders it with its copy button. rehype-exact-copy.ts
 * makes that button copy the script byte for byte (Expressive Code trims line ends).
 *
 * Every text here comes from the model or the site's strings and goes through
 * mdast-util-to-markdown, which escapes it: a file name can never turn into markup.
 */
import type { BlockContent, List, ListItem, PhrasingContent, RootContent } from 'mdast';
import type { ContainerDirective, TextDirective } from 'mdast-util-directive';
import { directiveToMarkdown } from 'mdast-util-directive';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { SiteStrings } from '../i18n.ts';
import type { SiteRunbook } from '../runbook.ts';

/** Anchor of the section's heading. */
export const RUNBOOK_ANCHOR = 'pg-runbook';

export function runbookSection(site: SiteRunbook, strings: SiteStrings, locale: string): RootContent[] {
  const { runbook } = site;
  if (runbook.files.length === 0 && runbook.commands.length === 0) return [];
  const files: ListItem[] = site.downloads.map((download) => {
    const notes: string[] = [];
    if (download.alternative) notes.push(strings.runbookVariant(download.alternative.index + 1, download.alternative.of, download.alternative.label));
    if (download.replacedBy) notes.push(strings.runbookReplaced(locale, download.replacedBy));
    return item([link(download.name, `${site.page}files/${download.path}`, download.saveAs, download.replacedBy ? 'replaced' : undefined), ...note(notes)]);
  });
  for (const change of site.changes) {
    if (change.action !== 'withheld' || change.fileName === null) continue;
    const name: TextDirective = { type: 'textDirective', name: 'pg-file', attributes: { state: 'withheld' }, children: [{ type: 'inlineCode', value: change.fileName }] };
    files.push(item([name, ...note([strings.runbookWithheld(locale)])]));
  }
  const scripts: ListItem[] = [
    item([link('runbook.sh', `${site.page}runbook.sh`, 'runbook.sh'), ...note([strings.runbookScript])]),
    item([link('runbook.json', `${site.page}runbook.json`, 'runbook.json'), ...note([strings.runbookJson])]),
  ];
  const body: BlockContent[] = [{ type: 'paragraph', children: [{ type: 'text', value: strings.runbookIntro }] }];
  if (files.length > 0) body.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: strings.runbookFiles }] }] }, list(files));
  body.push(list(scripts));
  // The code block's text is the script without its final newline (a code block has none); the
  // copy button gets the exact script, final newline included, from rehype-exact-copy.ts.
  body.push({ type: 'code', lang: 'sh', meta: 'pg-role=script frame="code" title="runbook.sh"', value: site.script.replace(/\n$/, '') });
  const container: ContainerDirective = { type: 'containerDirective', name: 'pg-runbook', attributes: {}, children: body as ContainerDirective['children'] };
  return [{ type: 'heading', depth: 2, children: [{ type: 'text', value: `${strings.runbookTitle} {#${RUNBOOK_ANCHOR}}` }] }, container];
}

/** The section as Markdown, to append to the page's Markdown. */
export function runbookMarkdown(site: SiteRunbook, strings: SiteStrings, locale: string): string {
  const children = runbookSection(site, strings, locale);
  if (children.length === 0) return '';
  return toMarkdown(
    { type: 'root', children },
    { bullet: '-', emphasis: '_', fences: true, listItemIndent: 'one', rule: '-', extensions: [gfmToMarkdown(), directiveToMarkdown()] },
  );
}

/** A download link; `state=replaced` marks a file published as the reference locale's version. */
function link(label: string, href: string, saveAs: string, state?: string): TextDirective {
  // Code, not text: a name is shown as written (no typographic quotes).
  return { type: 'textDirective', name: 'pg-download', attributes: { href, download: saveAs, ...(state ? { state } : {}) }, children: [{ type: 'inlineCode', value: label }] };
}

function note(parts: string[]): PhrasingContent[] {
  return parts.length === 0 ? [] : [{ type: 'text', value: ` — ${parts.join('; ')}` }];
}

function item(children: PhrasingContent[]): ListItem {
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] };
}

function list(children: ListItem[]): List {
  return { type: 'list', ordered: false, spread: false, children };
}
