// Bytes → normalised text: BOM-aware UTF-8/UTF-16, windows-1252 for what is not valid UTF-8, a
// binary check, then one form for line endings, spaces and Unicode (NFC) so offsets are stable.
import { DossierError } from '../errors.js';

/** Bytes that windows-1252 leaves undefined: a file containing them is in no encoding we read. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Share of control bytes above which a file is taken for binary. */
const CONTROL_RATIO = 0.05;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

/** Decodes a file's bytes, or throws a DossierError (BINARY, UNDECODABLE) naming `file`. */
export function decodeBytes(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf-16le', file);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be', file);
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  rejectBinary(body, file);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    if (hasBom) throw new DossierError('UNDECODABLE', 'starts with a UTF-8 byte-order mark but is not valid UTF-8', file);
  }
  const undefinedByte = body.find((b) => UNDEFINED_IN_1252.has(b));
  if (undefinedByte !== undefined) {
    const hex = undefinedByte.toString(16).toUpperCase().padStart(2, '0');
    throw new DossierError('UNDECODABLE', `is neither valid UTF-8 nor windows-1252 (byte 0x${hex})`, file);
  }
  return { text: decodeWindows1252(body), encoding: 'windows-1252' };
}

/** windows-1252's 0x80–0x9F (curly quotes, dashes, €…); the rest is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

// Written out rather than TextDecoder('windows-1252'): Node's decoder treats that label as
// ISO-8859-1 and turns 0x93 into a C1 control instead of “.
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  }
  return out;
}

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): Decoded {
  if (body.length % 2 !== 0) throw new DossierError('UNDECODABLE', `is not valid ${encoding.toUpperCase()}: odd number of bytes`, file);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    throw new DossierError('UNDECODABLE', `is not valid ${encoding.toUpperCase()} (unpaired surrogate)`, file);
  }
  if (text.includes('\u0000')) throw new DossierError('BINARY', 'looks binary (NUL characters after UTF-16 decoding)', file);
  return { text, encoding };
}

/** Binary files: any NUL byte, or too many control bytes (tab, newline, CR and form feed aside). */
function rejectBinary(bytes: Uint8Array, file: string): void {
  if (bytes.indexOf(0) >= 0) throw new DossierError('BINARY', 'looks binary (contains NUL bytes)', file);
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) controls++;
  }
  if (bytes.length > 0 && controls / bytes.length > CONTROL_RATIO) {
    throw new DossierError('BINARY', `looks binary (${Math.round((100 * controls) / bytes.length)}% control bytes)`, file);
  }
}

/**
 * One form for all text that offsets will index: \n line endings, NFC, no zero-width or soft-hyphen
 * characters, every kind of space as ' ', runs of spaces collapsed, no trailing spaces on a line.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\u200b\u2060\ufeff\u00ad]/g, '')
    .replace(/[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u2028\u2029\u0085]/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/ +\n/g, '\n')
    .replace(/ +$/, '');
}
