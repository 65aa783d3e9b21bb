import { unzip } from './zip.js';

/**
 * Reads the XML inside an .xlsx (a zip) without a spreadsheet library: what a spreadsheet program will
 * find in the file, cell by cell. For tests that must see whether a cell is a formula (`<f>`), a number or
 * text, which reading the workbook back with SheetJS would hide.
 */

export interface XmlCell {
  ref: string;
  /** The `t` attribute: `s` shared string, `str` formula string, `inlineStr`, `b`, `n`/absent number. */
  type: string | null;
  /** An `<f>` element is present: the program computes this cell. */
  formula: boolean;
  /** The text a string cell shows (shared, inline or `str`), entities and `_xHHHH_` escapes decoded. */
  text: string | null;
  /** The raw `<v>` of a non-text cell. */
  value: string | null;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of an `<si>` or `<is>`: its `<t>` runs joined. */
function runsText(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => decodeXml(m[1] ?? '')).join('');
}

/** Every sheet of the workbook by its name, with its cells as the XML states them. */
export async function readSheetXml(data: Buffer): Promise<Map<string, { xml: string; cells: XmlCell[] }>> {
  const entries = await unzip(data);
  const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1]!));
  const rels = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const sheets = new Map<string, { xml: string; cells: XmlCell[] }>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = rels.get(m[2]!)!.replace(/^\/?(xl\/)?/, '');
    const xml = text(`xl/${target}`);
    const cells: XmlCell[] = [];
    for (const c of xml.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const body = c[2] ?? '';
      const ref = /r="([^"]+)"/.exec(attrs)![1]!;
      const type = /t="([^"]+)"/.exec(attrs)?.[1] ?? null;
      const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? null;
      let cellText: string | null = null;
      if (type === 's' && v !== null) cellText = shared[Number(v)] ?? null;
      else if (type === 'str' && v !== null) cellText = decodeXml(v);
      else if (type === 'inlineStr') cellText = runsText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      cells.push({ ref, type, formula: /<f[\s>/]/.test(body), text: cellText, value: cellText === null ? v : null });
    }
    sheets.set(decodeXml(m[1]!), { xml, cells });
  }
  return sheets;
}
