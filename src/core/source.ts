/**
 * Turning bytes from disk into text the parsers can trust, or a clear reason why not.
 *
 * Recoveries (documented in the README): a UTF-8 byte order mark is dropped and CRLF/CR line ends
 * are read as LF. Neither moves a line number, so positions still point at the translator's file.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { VFileMessage } from 'vfile-message';

/**
 * Larger files are refused rather than parsed slowly. The largest real page is under 1 MB (the
 * Milvus v2.4 corpus tops out near 180 kB). Markdown parsing (micromark) grows faster than the size:
 * 2 MB takes about 2.5 s of CPU, 4 MB about 6 s and 20 MB a minute and a half, so the limit is 2 MB.
 */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface SourceText {
  path: string;
  text: string;
  /** What was done to the bytes to get `text`, for diagnostics and for writers that want to restore it. */
  hadBom: boolean;
  lineEnding: 'lf' | 'crlf' | 'cr';
  bytes: number;
}

/** An input that cannot be parsed at all. Carries file, line and column like any diagnostic. */
export class SourceError extends VFileMessage {
  constructor(file: string, reason: string, ruleId: string, place?: { line: number; column: number }) {
    super(reason, { place, ruleId, source: 'polyguide' });
    this.file = file;
    this.fatal = true;
  }
}

export async function readSource(path: string): Promise<SourceText> {
  const { bytes, size } = readSourceBytesSync(path);
  return decodeSource(path, bytes, size);
}

/** A file's leading bytes and its full size, as read by readSourceBytesSync. */
export interface SourceBytes {
  bytes: Uint8Array;
  size: number;
}

/**
 * Read a guide file's bytes, at most one more than the size limit, so that a huge file is never
 * read whole. Synchronous on purpose: for many small files it costs a fraction of the promise
 * API, and the guard reads all of its files before any work starts.
 */
export function readSourceBytesSync(path: string): SourceBytes {
  let descriptor: number;
  try {
    // Non-blocking, so that a named pipe is refused below instead of waiting for a writer.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new SourceError(path, `Cannot read file: ${(error as Error).message}`, 'source/unreadable');
  }
  try {
    const info = fstatSync(descriptor);
    if (!info.isFile()) throw new SourceError(path, 'Unexpected directory or special file, expected a regular file', 'source/not-a-file');
    const bytes = new Uint8Array(Math.min(info.size, MAX_SOURCE_BYTES + 1));
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(descriptor, bytes, filled, bytes.length - filled, null);
      if (read === 0) break;
      filled += read;
    }
    return { bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled), size: info.size };
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(path, `Cannot read file: ${(error as Error).message}`, 'source/unreadable');
  } finally {
    closeSync(descriptor);
  }
}

/** `size` is the whole file's when `bytes` may be only its beginning (see readSourceBytesSync). */
export function decodeSource(path: string, bytes: Uint8Array, size = bytes.length): SourceText {
  if (size > MAX_SOURCE_BYTES || bytes.length > MAX_SOURCE_BYTES) throw tooLarge(path, Math.max(size, bytes.length));
  if (bytes.length === 0) throw new SourceError(path, 'Unexpected empty file, expected front matter and content', 'source/empty', { line: 1, column: 1 });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new SourceError(path, 'Unexpected UTF-16 text, expected UTF-8', 'source/encoding', { line: 1, column: 1 });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const place = placeOfByte(bytes, nul);
    throw new SourceError(path, 'Unexpected NUL byte (binary data), expected UTF-8 text', 'source/binary', place);
  }
  let text: string;
  try {
    // ignoreBOM keeps a byte order mark in the text, so it is seen (and dropped with a note) below.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const place = placeOfByte(bytes, bad);
    const byte = bytes[bad]!.toString(16).padStart(2, '0');
    throw new SourceError(path, `Unexpected byte 0x${byte} that is not UTF-8, expected UTF-8 text`, 'source/encoding', place);
  }
  const hadBom = text.charCodeAt(0) === 0xfeff;
  if (hadBom) text = text.slice(1);
  let lineEnding: SourceText['lineEnding'] = 'lf';
  if (text.includes('\r')) {
    lineEnding = text.includes('\r\n') ? 'crlf' : 'cr';
    text = text.replace(/\r\n?/g, '\n');
  }
  if (text.trim() === '') throw new SourceError(path, 'Unexpected empty file, expected front matter and content', 'source/empty', { line: 1, column: 1 });
  return { path, text, hadBom, lineEnding, bytes: bytes.length };
}

function tooLarge(path: string, bytes: number): SourceError {
  return new SourceError(
    path,
    `Unexpected file of ${(bytes / 1048576).toFixed(1)} MB, expected at most ${MAX_SOURCE_BYTES / 1048576} MB (a guide is far smaller; larger files are refused, not parsed)`,
    'source/too-large',
    { line: 1, column: 1 },
  );
}

function placeOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, so count UTF-8 lead bytes between the line start and the bad byte.
  let column = 1;
  for (let i = lineStart; i < index; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}

/** Index of the first byte that breaks UTF-8 (TextDecoder says only that one exists). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
