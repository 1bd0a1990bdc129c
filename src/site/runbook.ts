/**
 * The runbook the site publishes for one guide page: the files to download and the commands as
 * one script, generated from the step model by src/run/runbook.ts (`buildRunbook`,
 * `runbookScript`), the same code as `polyguide export`; nothing here parses guide text again.
 *
 * What is published is what the page shows. Before the runbook is built, the guard's verdicts are
 * applied to the step model the way guide-to-mdast.ts applies them to the page:
 * - a block with an error whose verdict offers a replacement (the ru Ingress) gets the checked
 *   text of the reference locale, so `files/ingress.yaml` is that version, as on the page;
 * - a block with an error and no replacement is left out (the page withholds it).
 * Either way the script's header says so, under the review header, and so does the page.
 *
 * Download paths are made from untrusted file names: path segments are reduced to
 * `[A-Za-z0-9._-]`, `.`/`..` are dropped, and a name whose extension is not one of a few text
 * and data types (`.html`, `.svg`, `.js`, `.py`…) gets `.txt` appended, so every download is
 * served as inert text. The browser still saves it under the guide's own name (the link's
 * `download` attribute).
 */
import type { BlockVerdict } from '../check/types.ts';
import type { CodeStep, Guide, Step } from '../core/model.ts';
import { codeBlocks } from '../core/walk.ts';
import { isFileBlock } from '../run/blocks.ts';
import { buildRunbook, runbookScript, type Runbook, type RunbookFile } from '../run/runbook.ts';

export interface RunbookDownload {
  /** Index into `runbook.files`. */
  file: number;
  /** The file name as the guide gives it (`ingress.yaml`, `./config/x.yaml`). */
  name: string;
  /** Path below the page's `files/` folder, e.g. `ingress.yaml`, `ingress.variant-2.yaml`. */
  path: string;
  /** The name a browser saves it under (the link's `download` attribute): the guide's base name. */
  saveAs: string;
  alternative: RunbookFile['alternative'];
  /** Index of the code block (as core/walk.ts codeBlocks) and its source line. */
  block: number;
  line: number;
  /** The locale whose checked version is published instead of this guide's broken block, or null. */
  replacedBy: string | null;
}

/** A code block the guard rejected, as the runbook publishes it. */
export interface PublishedChange {
  block: number;
  line: number;
  role: CodeStep['role'];
  /** The file it is the content of, when it is a file block. */
  fileName: string | null;
  /** The guard's error rules on the block, e.g. `yaml/syntax`. */
  rules: string[];
  /** `replaced`: the reference locale's checked text is used; `withheld`: the block is left out. */
  action: 'replaced' | 'withheld';
  locale: string | null;
}

export interface SiteRunbook {
  /** Page path of the guide, e.g. `/ru/aws_layer7/`; downloads live below it. */
  page: string;
  runbook: Runbook;
  /** `runbookScript(runbook)` with the site's notes under its review header. */
  script: string;
  downloads: RunbookDownload[];
  changes: PublishedChange[];
}

export interface PublishOptions {
  /** The guide's source as shown to readers (content/ru/aws_layer7.md), not the build machine's path. */
  file: string;
  /** Page path of the guide, `/<locale>/<slug>/`. */
  page: string;
}

/** The runbook of a guide as its page publishes it (see the comment at the top). */
export function publishedRunbook(guide: Guide, verdicts: BlockVerdict[], options: PublishOptions): SiteRunbook {
  const blocks = codeBlocks(guide);
  const changes: PublishedChange[] = [];
  const replace = new Map<CodeStep, string>();
  const withhold = new Set<CodeStep>();
  for (const verdict of verdicts) {
    const block = blocks[verdict.index];
    if (!block || verdict.severity !== 'error') continue;
    const rules = [...new Set(verdict.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule))];
    const change = { block: verdict.index, line: startOf(block).line, role: block.role, fileName: isFileBlock(block) ? block.fileName : null, rules };
    if (verdict.replacement) {
      replace.set(block, verdict.replacement.text);
      changes.push({ ...change, action: 'replaced', locale: verdict.replacement.locale });
    } else {
      withhold.add(block);
      changes.push({ ...change, action: 'withheld', locale: null });
    }
  }
  // The published step model: containers are copied only as deep as needed, steps are shared.
  const publish = (steps: Step[]): Step[] =>
    steps.flatMap((step): Step[] => {
      if (step.kind === 'code') {
        if (withhold.has(step)) return [];
        const text = replace.get(step);
        return [text === undefined ? step : { ...step, text }];
      }
      if (step.kind === 'list') return [{ ...step, items: step.items.map(publish) }];
      if (step.kind === 'aside') return [{ ...step, steps: publish(step.steps) }];
      return [step];
    });
  const published: Guide = { ...guide, file: options.file, sections: guide.sections.map((section) => ({ ...section, steps: publish(section.steps) })) };
  const runbook = buildRunbook(published);

  // Which block each file came from: blocks keep their source position when replaced.
  const indexAt = new Map<string, number>(blocks.map((block, index) => [key(startOf(block)), index]));
  const replacedBy = new Map(changes.filter((c) => c.action === 'replaced').map((c) => [c.block, c.locale]));
  const used = new Set<string>();
  const downloads = runbook.files.map((file, index): RunbookDownload => {
    const block = indexAt.get(key(file)) ?? -1;
    return {
      file: index,
      name: file.name,
      path: uniquePath(downloadPath(file.name), file, used),
      saveAs: saveAsName(file.name),
      alternative: file.alternative,
      block,
      line: file.line,
      replacedBy: replacedBy.get(block) ?? null,
    };
  });
  return { page: options.page, runbook, script: withNotes(runbookScript(runbook), changes, options), downloads, changes };
}

/** What runbook.json holds: the runbook as `polyguide export --format json` writes it, plus what the site changed and where the files are. */
export function runbookJson(site: SiteRunbook): string {
  const published = {
    page: site.page,
    changes: site.changes,
    downloads: site.downloads.map((d) => ({ file: d.file, name: d.name, url: `${site.page}files/${d.path}`, saveAs: d.saveAs, replacedBy: d.replacedBy })),
    script: `${site.page}runbook.sh`,
  };
  return `${JSON.stringify({ ...site.runbook, published }, null, 2)}\n`;
}

function startOf(block: CodeStep): { line: number; column: number } {
  return block.lines[0] ?? block.position?.start ?? { line: 1, column: 1 };
}

function key(point: { line: number; column: number }): string {
  return `${point.line}:${point.column}`;
}

/**
 * Extensions a download keeps; every other name gets `.txt` appended. Each one has its route
 * (src/pages/[locale]/[...path].<ext>.ts: a literal extension, which is what lets Astro serve
 * `…/files/ingress.yaml` without a trailing slash under `trailingSlash: 'always'`), and every
 * common static host serves them as inert text or data.
 */
export const DOWNLOAD_EXTENSIONS = ['yaml', 'yml', 'json', 'sh', 'txt'] as const;
export type DownloadExtension = (typeof DOWNLOAD_EXTENSIONS)[number];
const KEPT_EXTENSIONS = new Set<string>(DOWNLOAD_EXTENSIONS);

/**
 * A URL path (below `files/`) for a file name from a guide: safe segments only, and an extension
 * no host serves as active content. `./config/x.yaml` → `config/x.yaml`; `page.html` → `page.html.txt`,
 * `main.py` → `main.py.txt` (saved as `main.py` all the same: the link's `download` attribute).
 */
export function downloadPath(name: string): string {
  const segments = name
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) =>
      segment
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '')
        .replace(/-+$/, '')
        .slice(0, 100),
    )
    .filter((segment) => segment !== '' && !/^\.+$/.test(segment));
  if (segments.length === 0) segments.push('file');
  const last = segments[segments.length - 1]!;
  const extension = /\.([A-Za-z0-9]+)$/.exec(last)?.[1]?.toLowerCase();
  if (!extension || !KEPT_EXTENSIONS.has(extension)) segments[segments.length - 1] = `${last}.txt`;
  return segments.join('/');
}

/** The base name a browser saves a download under, without path, quotes or control characters. */
export function saveAsName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.' && s !== '..').pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"<>:|?*]+/g, '-').trim().slice(0, 150);
  return clean === '' ? 'file.txt' : clean;
}

/**
 * A path no earlier download of the page has (compared case-insensitively: the site may be
 * served from a case-insensitive file system). Alternatives after the first are `x.variant-2.yaml`,
 * a later file of the same name `x.2.yaml`.
 */
function uniquePath(path: string, file: RunbookFile, used: Set<string>): string {
  let candidate = path;
  if (file.alternative && file.alternative.index > 0) candidate = insertBeforeExtension(path, `variant-${file.alternative.index + 1}`);
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = insertBeforeExtension(path, file.alternative && file.alternative.index > 0 ? `variant-${file.alternative.index + 1}-${n}` : String(n));
  used.add(candidate.toLowerCase());
  return candidate;
}

function insertBeforeExtension(path: string, tag: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}.${tag}${path.slice(dot)}` : `${path}.${tag}`;
}

/** One line of a shell comment: no line breaks that would end it. */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');
}

/**
 * The script with the site's notes under the review header (before `set -eu`), so it still begins
 * with that header: which broken blocks were replaced by the checked version, which were left out.
 */
function withNotes(script: string, changes: PublishedChange[], options: PublishOptions): string {
  const relevant = changes.filter((change) => change.role === 'command' || change.fileName !== null);
  if (relevant.length === 0) return script;
  const notes = [`# As published on ${commentText(options.page)}: blocks with errors, as the page shows them:`];
  for (const change of relevant) {
    const what = change.fileName !== null ? `${commentText(change.fileName)} (${commentText(options.file)}:${change.line})` : `the command at ${commentText(options.file)}:${change.line}`;
    const why = change.rules.length > 0 ? ` has an error (${change.rules.join(', ')})` : ' has an error';
    notes.push(change.action === 'replaced' ? `# - ${what}${why}: the checked ${change.locale} version is used instead.` : `# - ${what}${why} and no checked version exists: it is left out, as on the page.`);
  }
  const lines = script.split('\n');
  let at = lines.indexOf('set -eu');
  if (at < 0) at = Math.max(1, lines.indexOf(''));
  lines.splice(at, 0, ...notes, '');
  return lines.join('\n');
}

/**
 * Where the loader keeps a page's runbook: in its docs entry's rendered metadata, which Astro
 * stores as given (the entry's `data` is held to Starlight's schema, which would drop it). The
 * download endpoints (src/pages/[locale]/[...download].ts) read it from the collection.
 */
export const RUNBOOK_METADATA_KEY = 'polyguideRunbook';

export function runbookOfEntry(entry: { rendered?: { metadata?: Record<string, unknown> } }): SiteRunbook | null {
  const value = entry.rendered?.metadata?.[RUNBOOK_METADATA_KEY] as SiteRunbook | undefined;
  return value && typeof value.script === 'string' && Array.isArray(value.downloads) ? value : null;
}

/** One static file of a page's runbook: its site path (`/ru/aws_layer7/files/ingress.yaml`) and content. */
export interface DownloadFile {
  path: string;
  type: string;
  /** Made when the file is written (runbook.json is serialized only then). */
  body: () => string;
}

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Every static file a page's runbook offers: runbook.sh, runbook.json and files/…. */
export function downloadFiles(site: SiteRunbook): DownloadFile[] {
  return [
    { path: `${site.page}runbook.sh`, type: TEXT, body: () => site.script },
    { path: `${site.page}runbook.json`, type: JSON_TYPE, body: () => runbookJson(site) },
    ...site.downloads.map((download) => {
      const content = site.runbook.files[download.file]!.content;
      return { path: `${site.page}files/${download.path}`, type: download.path.endsWith('.json') ? JSON_TYPE : TEXT, body: () => content };
    }),
  ];
}
