/**
 * Rebasing positions inside a code block to the file the translator edits.
 *
 * A validator reports "line 14, column 3 of this YAML"; the translator needs "ru/aws_layer7.md,
 * line 57, column 3". The code step's segments make that a lookup, whichever front end built it.
 */
import type { CodeStep, Point, Segment } from './model.ts';
import { textLineStarts } from './text-lines.ts';

/** Source point of a 0-based offset in the code text. */
export function pointAtOffset(code: Pick<CodeStep, 'segments' | 'position'>, offset: number): Point {
  const segments = code.segments;
  if (segments.length === 0) return code.position?.start ?? { line: 1, column: 1 };
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid]![0] <= offset) low = mid;
    else high = mid - 1;
  }
  const [start, line, column] = segments[low]!;
  return { line, column: column + Math.max(0, offset - start) };
}

/** Source point of a 1-based line and column inside the code text. */
export function pointInCode(code: Pick<CodeStep, 'segments' | 'position' | 'text'>, line: number, column: number): Point {
  return pointAtOffset(code, offsetOfLine(code.text, line) + Math.max(0, column - 1));
}

export function offsetOfLine(text: string, line: number): number {
  if (line <= 1) return 0;
  // Findings of one block arrive together: its line starts are counted once, not once per finding
  // (a block of 40,000 duplicate keys made that quadratic).
  if (text !== startsOf.text) {
    startsOf.text = text;
    startsOf.starts = textLineStarts(text);
  }
  return startsOf.starts[line - 1] ?? text.length;
}

/** The line starts of the text last asked about. */
const startsOf: { text: string | null; starts: number[] } = { text: null, starts: [] };

/** Line-start points derived from segments, one per line of `text`. */
export function lineStarts(text: string, segments: Segment[], fallback: Point): Point[] {
  const code = { segments, position: { start: fallback, end: fallback } };
  const points: Point[] = [pointAtOffset(code, 0)];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) points.push(pointAtOffset(code, i + 1));
  return points;
}
