/**
 * What a code block's mdast node carries besides its text (`data.polyguide`), for build.ts to
 * make the code step's `segments` and `lines`: where each character came from.
 */
import type { Point, Segment } from '../model.ts';
import { lineStarts } from '../positions.ts';

export interface CodeData {
  segments: Segment[];
  lines: Point[];
}

/**
 * Code data found on first use (`findSegments` runs once; the line starts follow from its
 * segments, or are `fallback` where there are none): most blocks are never placed.
 */
export function codeDataOnDemand(text: string, fallback: Point, findSegments: () => Segment[]): CodeData {
  let segments: Segment[] | undefined;
  let lines: Point[] | undefined;
  return {
    get segments() {
      return (segments ??= findSegments());
    },
    get lines() {
      return (lines ??= lineStarts(text, this.segments, fallback));
    },
  };
}
