/**
 * The first line whose indentation departs from the reference's same line: where a translator's
 * editor (or a machine translation) broke the YAML structure.
 */
import { diffArrays } from 'diff';

export interface IndentationMismatch {
  /** 1-based line in the translation and in the reference. */
  line: number;
  referenceLine: number;
  content: string;
  actual: number;
  expected: number;
}

/** Lines added or removed beyond which two blocks are not compared line by line (real blocks differ in a few). */
const MAX_EDITS = 1_000;

export function firstIndentationMismatch(reference: string, translation: string): IndentationMismatch | null {
  const ref = meaningfulLines(reference);
  const tr = meaningfulLines(translation);
  // The diff's cost grows with the square of the lines that differ: past MAX_EDITS the
  // translation is another text, whose difference the content rules report, not an indentation.
  const changes = diffArrays(
    ref.map((l) => l.content),
    tr.map((l) => l.content),
    { maxEditLength: MAX_EDITS },
  );
  if (!changes) return null;
  let i = 0;
  let j = 0;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.added) j += count;
    else if (change.removed) i += count;
    else {
      for (let k = 0; k < count; k++) {
        const a = ref[i + k]!;
        const b = tr[j + k]!;
        if (a.indent !== b.indent) return { line: b.line, referenceLine: a.line, content: b.content, actual: b.indent, expected: a.indent };
      }
      i += count;
      j += count;
    }
  }
  return null;
}

function meaningfulLines(text: string): Array<{ line: number; indent: number; content: string }> {
  const lines: Array<{ line: number; indent: number; content: string }> = [];
  text.split('\n').forEach((raw, index) => {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    lines.push({ line: index + 1, indent: raw.length - raw.trimStart().length, content });
  });
  return lines;
}
