/**
 * Character references the way the HTML parser decodes them, for the two fast paths (code-scan.ts
 * and well-formed-html.ts): only a reference that ends in `;` and that the parser takes as written
 * is decoded here. One it would remap (C1 controls as Windows-1252, NUL, surrogates, values out
 * of range) or report (other controls, noncharacters) is left to the parser.
 */
import { characterEntitiesLegacy } from 'character-entities-legacy';
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

const NAME = /[A-Za-z][A-Za-z0-9]*/y;
const LEGACY_NAMES: readonly string[] = characterEntitiesLegacy;
const AMPERSAND = Object.freeze({ value: '&', length: 1 });

/**
 * The reference at `&` as the fast tree builder and the direct reader read one: decoded when plain,
 * the `&` alone when it starts none, or null for what the standard treats subtly (a reference
 * without `;` that a legacy name prefixes, a numeric one it remaps, a `&` before a line end).
 */
export function referenceOrAmpersandAt(text: string, at: number): { readonly value: string; readonly length: number } | null {
  const next = text.charCodeAt(at + 1);
  // parse5 counts the line end after a lone `&` twice.
  if (next === 10) return null;
  const plain = plainReferenceAt(text, at);
  if (plain) return plain;
  // A numeric reference the parser remaps, reports or reads without `;`.
  if (next === 35 /* # */) return null;
  // No entity name starts with a digit: `&1` is text.
  if (!((next >= 65 && next <= 90) || (next >= 97 && next <= 122))) return AMPERSAND;
  NAME.lastIndex = at + 1;
  const name = NAME.exec(text)![0];
  // `&amp b`, `&notit;`: the parser decodes the longest legacy name that starts the word.
  if (LEGACY_NAMES.some((legacy) => name.startsWith(legacy))) return null;
  return AMPERSAND;
}
