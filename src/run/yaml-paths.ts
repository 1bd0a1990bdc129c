/**
 * Where a value sits in a YAML text: the runner reports "this secretName" at its line and column,
 * which the code block's positions then rebase onto the guide's file.
 */
import { isNode, LineCounter, parseAllDocuments } from 'yaml';

export interface TextPlace {
  line: number;
  column: number;
}

/**
 * Position of `path` (keys and indices) in document `index` of a YAML text; falls back to the
 * closest existing ancestor, then to the document's start.
 */
export function placeOfPath(text: string, index: number, path: Array<string | number>): TextPlace {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const document = list[index] ?? list[0];
  if (!document) return { line: 1, column: 1 };
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      // For a key's value, point at the key when the value is a collection on the next line.
      const offset = node.range[0];
      const place = counter.linePos(offset);
      return { line: place.line, column: place.col };
    }
  }
  return { line: 1, column: 1 };
}

/** Line (1-based) where each document of a multi-document YAML text starts. */
export function documentStarts(text: string): number[] {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter });
  const list = Array.isArray(documents) ? documents : [documents];
  return list.map((document) => counter.linePos(document.contents?.range?.[0] ?? document.range[0]).line);
}
