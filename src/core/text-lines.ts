/** Offsets ↔ 1-based line and column inside a piece of text (a code block, a page). */

/** Offset at which each line of `text` starts. */
export function textLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset, given the line starts of its text. */
export function pointOfOffset(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/**
 * Lines of offsets asked for in increasing order: each line end is counted once, as the scan
 * moves on (an offset behind the last one, as after a code block the scanner gave up, counts
 * again from the top). Lines and columns are 1-based; `lineStart` is the line's first offset.
 */
export class ForwardLines {
  line = 1;
  lineStart = 0;
  private counted = 0;
  /** The first line end at or after `counted` (the text's length when none is left): remembered, so that a long line is not scanned again for every offset in it. */
  private nextLineEnd: number;
  private readonly text: string;

  /** Counting starts at `from`, the start of line `from.line` (the top of the text by default). */
  constructor(text: string, from: { line: number; lineStart: number } = { line: 1, lineStart: 0 }) {
    this.text = text;
    this.line = from.line;
    this.lineStart = from.lineStart;
    this.counted = from.lineStart;
    this.nextLineEnd = this.lineEndFrom(from.lineStart);
  }

  /** The offset last moved to. */
  get offset(): number {
    return this.counted;
  }

  moveTo(offset: number): void {
    if (offset < this.counted) {
      this.line = 1;
      this.lineStart = 0;
      this.nextLineEnd = this.lineEndFrom(0);
    }
    while (this.nextLineEnd < offset) {
      this.line++;
      this.lineStart = this.nextLineEnd + 1;
      this.nextLineEnd = this.lineEndFrom(this.lineStart);
    }
    this.counted = offset;
  }

  private lineEndFrom(from: number): number {
    const index = this.text.indexOf('\n', from);
    return index === -1 ? this.text.length : index;
  }
}
