/**
 * Character references the way the HTML parser decodes them, for the two fast paths (code-scan.ts
 * and well-formed-html.ts): only a reference that ends in `;` and that the parser takes as written
 * is decoded here. One it would remap (C1 controls as Windows-1252, NUL, surrogates, values out
 * of range) or report (other controls, noncharacters) is left to the parser.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y;

/** The references highlighted code is full of, answered without a match or a new result each time. */
const COMMON: ReadonlyArray<Readonly<{ source: string; value: string; length: number }>> = [
  ['&quot;', '"'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&amp;', '&'],
  ['&#x27;', "'"],
  ['&#39;', "'"],
].map(([source, value]) => Object.freeze({ source: source!, value: value!, length: source!.length }));

/** The `;`-terminated reference at `&`, decoded, or null when there is none or the parser would treat it specially. */
export function plainReferenceAt(text: string, at: number): { readonly value: string; readonly length: number } | null {
  for (const common of COMMON) if (text.startsWith(common.source, at)) return common;
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(text);
  if (!match) return null;
  if (match[3] !== undefined) {
    const decoded = decodeNamedCharacterReference(match[3]);
    return decoded === false ? null : { value: decoded, length: match[0].length };
  }
  const codePoint = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number.parseInt(match[2]!, 10);
  if ((codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a) || (codePoint >= 0x7f && codePoint <= 0x9f)) return null;
  if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return null;
  if ((codePoint & 0xfffe) === 0xfffe || (codePoint >= 0xfdd0 && codePoint <= 0xfdef)) return null;
  return { value: String.fromCodePoint(codePoint), length: match[0].length };
}
