import { MasterListInvalidError } from './master-errors.js';

/**
 * A CSV master list's bytes to text. A byte-order mark states the encoding (UTF-8, UTF-16LE, UTF-16BE);
 * without one the file is UTF-8 when it is valid UTF-8, else GB18030 (which covers GBK/GB2312, what Excel on
 * Chinese Windows writes for "CSV"). A byte that is not valid in the encoding is refused with its row, never
 * imported as U+FFFD (the replacement character would become part of a project's name or amount).
 */
type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
const LABEL: Record<Encoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030 (GBK)' };

/** The CSV row (1-based) that the end of `text` falls in: line breaks inside quoted cells do not start a row. */
function csvRowAtEnd(text: string): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || (c === '\r' && text[i + 1] !== '\n'))) row += 1;
  }
  return row;
}

/** The text of `bytes`, or null when they hold an invalid sequence (an unfinished one at the end is held back). */
function validText(bytes: Buffer, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/**
 * The text before the first invalid sequence of `body`. A line feed is never part of a longer sequence in
 * these encodings, so whole lines are decoded on their own until one fails; within it, the longest valid
 * beginning is found by halving (a fatal decoder does not say where it failed).
 */
function textBeforeInvalid(body: Buffer, encoding: Encoding): string {
  const width = encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
  const isLineFeed = (i: number) => (width === 1 ? body[i] : encoding === 'utf-16le' ? body.readUInt16LE(i) : body.readUInt16BE(i)) === 0x0a;
  const lines = new TextDecoder(encoding, { fatal: true });
  let text = '';
  let start = 0;
  let end = 0;
  for (; end + width <= body.length; end += width) {
    if (!isLineFeed(end)) continue;
    try {
      text += lines.decode(body.subarray(start, end + width));
    } catch {
      break;
    }
    start = end + width;
  }
  // GB18030 has always named the row its failing line starts in (a lone CR before the byte does not count).
  if (encoding === 'gb18030') return text;
  const line = body.subarray(start, end + width);
  let valid = 0;
  let invalid = line.length + 1;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (validText(line.subarray(0, middle), encoding) === null) invalid = middle;
    else valid = middle;
  }
  return text + validText(line.subarray(0, valid), encoding)!;
}

/** Decodes `body`, or refuses it at the row of its first invalid sequence. */
function decode(body: Buffer, encoding: Encoding, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    const row = csvRowAtEnd(textBeforeInvalid(body, encoding));
    throw new MasterListInvalidError([{ row, column: '', code: 'bad_encoding', params: { file, encoding: LABEL[encoding] } }], { problem: 'encoding', row });
  }
}

const startsWith = (bytes: Buffer, ...mark: number[]) => bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b);

export function decodeCsvText(bytes: Buffer, file = 'the list'): { text: string; encoding: string } {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { text: decode(bytes.subarray(3), 'utf-8', file), encoding: 'utf-8-bom' };
  if (startsWith(bytes, 0xff, 0xfe)) return { text: decode(bytes.subarray(2), 'utf-16le', file), encoding: 'utf-16le' };
  if (startsWith(bytes, 0xfe, 0xff)) return { text: decode(bytes.subarray(2), 'utf-16be', file), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decode(bytes, 'gb18030', file), encoding: 'gb18030' };
  }
}
