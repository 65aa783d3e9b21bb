import { MasterListInvalidError } from './master-errors.js';

/**
 * A CSV master list's bytes to text. A byte-order mark states the encoding (UTF-8, UTF-16LE, UTF-16BE), so
 * the text must then be valid in it: a byte that is not is refused with its row, never imported as U+FFFD
 * (the replacement character would become part of a project's name or amount). Without a mark: UTF-8 when
 * the whole file is valid UTF-8, else GB18030 (which covers GBK/GB2312, what Excel on Chinese Windows writes
 * for "CSV"), and bytes that are not valid GB18030 either are refused the same way.
 */
export interface DecodedCsv {
  text: string;
  encoding: string;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (as TextDecoder's fatal mode judges), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Index (in code units) of the first unpaired surrogate in UTF-16 code units, or -1 (the decoder would silently make it U+FFFD). */
function firstLoneSurrogate(body: Buffer, littleEndian: boolean): number {
  const units = Math.floor(body.length / 2);
  const unit = (i: number) => (littleEndian ? body.readUInt16LE(i * 2) : body.readUInt16BE(i * 2));
  for (let i = 0; i < units; i++) {
    const c = unit(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < units ? unit(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/** The CSV row (1-based) that position `end` of `text` falls in: line breaks inside quoted cells do not start a row. */
export function csvRowAt(text: string, end: number): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || (c === '\r' && text[i + 1] !== '\n'))) row += 1;
  }
  return row;
}

const startsWith = (bytes: Buffer, ...mark: number[]) => bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b);

/** Decodes a UTF-16 body; a lone surrogate is refused at its row. */
function utf16(body: Buffer, encoding: 'utf-16le' | 'utf-16be', file: string): DecodedCsv {
  let bad = firstLoneSurrogate(body, encoding === 'utf-16le');
  if (bad < 0 && body.length % 2 === 1) bad = Math.floor(body.length / 2); // an odd byte left over at the end
  if (bad >= 0) throw refusal(file, encoding.toUpperCase(), csvRowAt(new TextDecoder(encoding).decode(body.subarray(0, bad * 2)), bad));
  return { text: new TextDecoder(encoding).decode(body), encoding };
}

function refusal(file: string, encoding: string, row: number): MasterListInvalidError {
  return new MasterListInvalidError([{ row, column: '', code: 'bad_encoding', params: { file, encoding } }], { problem: 'encoding', row });
}

export function decodeCsvText(bytes: Buffer, file = 'the list'): DecodedCsv {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
    const body = bytes.subarray(3);
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) throw refusal(file, 'UTF-8', csvRowAt(new TextDecoder('utf-8').decode(body.subarray(0, bad)), bad));
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, 0xff, 0xfe)) return utf16(bytes.subarray(2), 'utf-16le', file);
  if (startsWith(bytes, 0xfe, 0xff)) return utf16(bytes.subarray(2), 'utf-16be', file);
  if (firstInvalidUtf8(bytes) < 0) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    // Find the line: in GB18030 a line feed (0x0A) is never part of a multi-byte character, so lines decode alone.
    let start = 0;
    const gb = new TextDecoder('gb18030', { fatal: true });
    let prefix = '';
    while (start <= bytes.length) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      try {
        prefix += gb.decode(bytes.subarray(start, Math.min(end + 1, bytes.length)));
      } catch {
        break;
      }
      start = end + 1;
    }
    throw refusal(file, 'GB18030 (GBK)', csvRowAt(prefix, prefix.length));
  }
}
