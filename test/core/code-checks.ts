/**
 * Independent checks of a code step against the file it came from, shared by the seed tests and
 * the corpus suite (which runs them in worker threads, so this file imports nothing from vitest).
 *
 * - `htmlCodeOracle` re-reads a Milvus code block's text with regular expressions, not with the
 *   HTML parser or the scanner the front end uses: tags dropped (`<br>` is a line end), copy button
 *   excluded, entities decoded, trailing line ends removed.
 * - `lineStartProblems` checks that `lines[i]` points at the source character that produced the
 *   first character of code line i (an entity counts as the character it decodes to).
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { CodeStep, Point } from '../../src/core/model.ts';

export function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.push(i + 1);
  return offsets;
}

export function offsetOf(offsets: number[], point: Point): number {
  return offsets[point.line - 1]! + point.column - 1;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const hex = body[1] === 'x' || body[1] === 'X';
      return String.fromCodePoint(Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    const decoded = decodeNamedCharacterReference(body);
    return decoded === false ? match : decoded;
  });
}

/** The text of the `<pre>` element at the step's position, read with regular expressions; null if it is not a plain `<pre>…</pre>`. */
export function htmlCodeOracle(source: string, code: CodeStep, offsets = lineOffsets(source)): string | null {
  if (!code.position) return null;
  const slice = source.slice(offsetOf(offsets, code.position.start), offsetOf(offsets, code.position.end));
  // The HTML parser drops a line end right after `<pre>`; one right after `<code>` is content.
  const inner = /^<pre[^>]*>\n?(?:<code[^>]*>)?([\s\S]*?)(?:<\/code>)?<\/pre>$/.exec(slice)?.[1];
  if (inner === undefined) return null;
  const text = inner
    .replace(/<button[^>]*>[\s\S]*?<\/button>/g, '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/\n+$/, '');
}

/** Where `lines` does not point at the character that starts each line; empty when all are right. */
export function lineStartProblems(source: string, code: CodeStep, options: { entities: boolean }, offsets = lineOffsets(source)): string[] {
  const problems: string[] = [];
  const codeLines = code.text.split('\n');
  if (code.lines.length !== codeLines.length) return [`${code.lines.length} line starts for ${codeLines.length} lines`];
  codeLines.forEach((line, index) => {
    const point = code.lines[index]!;
    const at = source.slice(offsetOf(offsets, point), offsetOf(offsets, point) + 40);
    let ok: boolean;
    if (line === '') {
      // An empty line starts where its line end (or the markup that follows it) is.
      ok = at.startsWith('\n') || at.startsWith('<') || at === '';
    } else {
      const first = String.fromCodePoint(line.codePointAt(0)!);
      const entity = options.entities ? /^&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/.exec(at)?.[0] : undefined;
      ok = at.startsWith(first) || (entity !== undefined && decodeEntities(entity) === first);
    }
    if (!ok) problems.push(`line ${index + 1} ${JSON.stringify(line.slice(0, 30))} → ${point.line}:${point.column} ${JSON.stringify(at.slice(0, 30))}`);
  });
  return problems;
}
