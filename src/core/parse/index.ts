/**
 * Parsing a guide file, whatever its format, into the step model.
 *
 * Problems that stop parsing (binary, wrong encoding, no front matter) throw a SourceError; the
 * ones a reader can live with (an unclosed fence, a truncated code block) come back as warnings
 * beside the guide, each with the file, line and column.
 */
import { VFileMessage } from 'vfile-message';
import { KNOWN_LOCALES } from '../locales.ts';
import { splitFrontMatter } from '../frontmatter.ts';
import type { Guide, SourceFormat } from '../model.ts';
import { decodeSource, readSource, type SourceText } from '../source.ts';
import { buildGuide } from './build.ts';
import { checkMarkdownLimits, withinStack } from './limits.ts';
import { markdownToMdast } from './markdown.ts';
import { milvusHtmlToMdast } from './milvus-html.ts';

export interface ParsedGuide {
  guide: Guide;
  messages: VFileMessage[];
  source: SourceText;
}

export interface ParseOptions {
  /** Locale of the guide; when absent it is read from the path (`…/<locale>/…`). */
  locale?: string;
  /** Force a format instead of sniffing it. */
  format?: SourceFormat;
}

export { KNOWN_LOCALES };

export async function parseGuideFile(path: string, options: ParseOptions = {}): Promise<ParsedGuide> {
  const source = await readSource(path);
  return parseGuideSource(source, options);
}

export function parseGuideBytes(path: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedGuide {
  return parseGuideSource(decodeSource(path, bytes), options);
}

export function parseGuideText(path: string, text: string, options: ParseOptions = {}): ParsedGuide {
  return parseGuideSource(decodeSource(path, new TextEncoder().encode(text)), options);
}

export function parseGuideSource(source: SourceText, options: ParseOptions = {}): ParsedGuide {
  const { path, text } = source;
  const frontMatter = splitFrontMatter(path, text);
  // Sniffed on the body as written (a slice is a view, not a copy): the masked text is only made
  // when a parser reads it (see milvusHtmlToMdast's `page`).
  const format = options.format ?? sniffFormat(text.slice(frontMatter.bodyStart));
  const locale = options.locale ?? localeFromPath(path) ?? localeFromFrontMatter(frontMatter.data) ?? 'und';
  const body = frontMatter.maskedText;
  if (format === 'markdown') checkMarkdownLimits(path, body);
  const { warnings, guide } = withinStack(path, body, () => {
    const { tree, warnings } = format === 'milvus-html' ? milvusHtmlToMdast(body, path, { page: { text, bodyStart: frontMatter.bodyStart } }) : markdownToMdast(body);
    return { warnings, guide: buildGuide(tree, { file: path, locale, format, frontMatter: frontMatter.data }) };
  });
  const messages = withoutRepeats(warnings).map((warning) => {
    const message = new VFileMessage(warning.reason, { place: { line: warning.line, column: warning.column }, ruleId: warning.ruleId, source: 'polyguide' });
    message.file = path;
    // A new VFileMessage is neither fatal nor a warning (`fatal` undefined reads as a note).
    message.fatal = false;
    return message;
  });
  if (source.hadBom) messages.push(note(path, 'Unexpected byte order mark, expected plain UTF-8 (it was ignored)', 'source/bom'));
  return { guide, messages, source };
}

/**
 * The HTML parser reopens an unclosed `<u>` or `<code>` in every block after it (the standard's
 * "reconstruct the active formatting elements"), and each copy keeps the start tag's place: the
 * same warning, at the same place, is told once.
 */
function withoutRepeats<Warning extends { line: number; column: number; ruleId: string; reason: string }>(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.line}:${warning.column}:${warning.ruleId}:${warning.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function note(path: string, reason: string, ruleId: string): VFileMessage {
  const message = new VFileMessage(reason, { place: { line: 1, column: 1 }, ruleId, source: 'polyguide' });
  message.file = path;
  message.fatal = undefined;
  return message;
}

/** The first tag of a Milvus page, after any white space (the page itself is not copied to find it). */
const FIRST_TAG = /^\s*<(h[1-6]|p|div|pre|ul|ol|table|section)\b/i;

/**
 * Milvus pages are HTML after the front matter: their first content is a tag. Markdown may hold
 * inline HTML too, but Milvus pages carry its tell-tale header and code markup.
 */
export function sniffFormat(body: string): SourceFormat {
  if (FIRST_TAG.test(body) && /class="(common-anchor-header|language-)|<\/h[1-6]>|<\/p>/.test(body)) return 'milvus-html';
  return 'markdown';
}

export function localeFromPath(path: string): string | null {
  const parts = path.split(/[\\/]/);
  for (let i = parts.length - 2; i >= 0; i--) {
    const part = parts[i]!.toLowerCase();
    if (KNOWN_LOCALES.includes(part)) return part;
  }
  return null;
}

function localeFromFrontMatter(data: Record<string, unknown>): string | null {
  return typeof data.locale === 'string' ? data.locale : typeof data.lang === 'string' ? data.lang : null;
}
