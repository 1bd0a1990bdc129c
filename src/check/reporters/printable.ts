/**
 * What reporters print for a terminal or a CI log comes in part from the guides (code frames,
 * quoted tokens, file names), and guides are untrusted: an escape sequence in a translation would
 * reach the reader's terminal (clearing it, retitling it, hiding the findings above), and a bidi
 * control would reorder what the reader sees (Trojan Source). Each such character is shown as one
 * visible character instead, so columns and carets stay where they were.
 */

/** C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings, overrides and isolates, line and paragraph separators. */
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

function picture(char: string): string {
  const code = char.charCodeAt(0);
  // The Unicode control pictures: ␛ for ESC, ␇ for BEL, ␡ for DEL.
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\uFFFD';
}

/** Text of several lines (a code frame, a diff): line feeds stay, tabs stay. */
export function printableLines(text: string): string {
  return text.replace(UNPRINTABLE, picture);
}

/** Text of one line (a message, a file name): a line feed is shown as ␊ too. */
export function printableLine(text: string): string {
  return printableLines(text).replace(/\n/g, '\u240A');
}
