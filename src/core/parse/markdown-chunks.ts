/**
 * Where a large Markdown page may be cut into pieces that parse, one by one, to the tree of the
 * whole page: the Markdown parser holds every event of a page until its end, so a page of a
 * megabyte (tens of thousands of blocks) took hundreds of megabytes and seconds of garbage
 * collection at once. These are guesses from lines alone (a fence inside a list item looks like one
 * at the top level); markdown.ts checks every join with the parser and drops the cuts that fail.
 *
 * A cut goes before a line that starts a new top-level block after a blank line, where nothing
 * open can continue or claim it: not inside a fenced code block, a directive container (`:::`),
 * or an HTML block that only ends at its closing tag (`<pre>`, `<script>`, `<style>`,
 * `<textarea>`, comments, `<?…?>`, `<!…>`, CDATA); not before a line a list could continue
 * (indented, or a list marker). A page with link or footnote definitions, which reach across the
 * whole page, is not cut at all.
 */

/** Pages below this size are parsed whole (all real guides are far smaller). */
export const CHUNKED_FROM = 256 * 1024;
/** The smallest piece: cuts are only made once a piece has this many characters. */
const PIECE = 64 * 1024;

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const DIRECTIVE = /^ {0,3}(:{3,})(.*)$/;
const DEFINITION = /^ {0,3}\[[^\]\n]*\]:/m;
/** HTML blocks of kinds 1 to 5, with what ends each. */
const HTML_BLOCKS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** First characters of a line that starts a block nothing before it continues (after a blank line). */
const STARTS_BLOCK = /^[A-Za-z#`~<:!_]/;
/** List item markers (`-`, `+`, `*`, `1.`, `1)`): a list may continue across a blank line. */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

export interface CutOptions {
  /** Smallest page that is cut (default CHUNKED_FROM). */
  from?: number;
  /** Smallest piece (default 64 kB); 1 cuts wherever a cut is allowed (for tests). */
  piece?: number;
}

/** Offsets at which `text` can be cut (ascending, never 0), or none when it is small or may not be cut. */
export function markdownCuts(text: string, options: CutOptions = {}): number[] {
  const pieceSize = options.piece ?? PIECE;
  if (text.length < (options.from ?? CHUNKED_FROM) || DEFINITION.test(text)) return [];
  const cuts: number[] = [];
  let fence: { marker: string; length: number } | null = null;
  /** Colons of each open directive container, innermost last. */
  const directives: number[] = [];
  let htmlEnd: RegExp | null = null;
  let previousBlank = false;
  let pieceStart = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    const blank = /^[ \t]*$/.test(line);
    if (fence) {
      const match = FENCE.exec(line);
      if (match && match[1]![0] === fence.marker && match[1]!.length >= fence.length && /^[ \t]*$/.test(match[2]!)) fence = null;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = null;
    } else {
      if (previousBlank && directives.length === 0 && start - pieceStart >= pieceSize && STARTS_BLOCK.test(line) && !LIST_ITEM.test(line)) {
        cuts.push(start);
        pieceStart = start;
      }
      const fenceMatch = FENCE.exec(line);
      const directiveMatch = fenceMatch ? null : DIRECTIVE.exec(line);
      if (fenceMatch && !(fenceMatch[1]![0] === '`' && fenceMatch[2]!.includes('`'))) {
        fence = { marker: fenceMatch[1]![0]!, length: fenceMatch[1]!.length };
      } else if (directiveMatch) {
        // `:::name` opens a container; a bare fence of as many colons or more closes the innermost.
        const colons = directiveMatch[1]!.length;
        if (!/^[ \t]*$/.test(directiveMatch[2]!)) directives.push(colons);
        else if (directives.length > 0 && colons >= directives.at(-1)!) directives.pop();
      } else {
        for (const [opens, closes] of HTML_BLOCKS) {
          if (!opens.test(line)) continue;
          // The end may be on the opening line itself.
          if (!closes.test(line.slice(line.indexOf('<') + 2))) htmlEnd = closes;
          break;
        }
      }
    }
    previousBlank = blank && fence === null && htmlEnd === null;
    start = end + 1;
  }
  return cuts;
}
