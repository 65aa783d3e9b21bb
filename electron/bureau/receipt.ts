import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OperationParsedInput } from '@shared/operations/index.js';
import { localDateTime } from '@shared/rules/local-time.js';
import { safeFileName } from '../handlers/files.js';
import { writeFileAtomically } from '../store/private-files.js';
import type { BureauContext } from './context.js';
import { bureauName } from './desk-settings.js';
import { outputPath } from './page-files.js';
import { bureauTimeZone } from './time-zone.js';

/**
 * A fold's receipt (回执) as a file: one self-contained HTML page, A4 and printable, that names the bureau, when
 * it was written on the district's clock, and per packet file its officer, number, counts and refusal. The lines'
 * words come from the page (in the receipt's language); everything here is escaped, so a file or officer name
 * is only ever text.
 */

type ReceiptInput = OperationParsedInput<'bureau.inbox.writeReceipt'>;

const WORDS = {
  zh: {
    title: '工作包接收回执',
    when: '回执时间',
    head: ['文件', '帮包责任人', '工作包编号', '结果', '新记录', '重复', '冲突', '照片', '说明'],
    packetNo: (n: number) => `第 ${n} 号`,
  },
  en: {
    title: 'Receipt of weekly packets',
    when: 'Written',
    head: ['File', 'Sponsor officer', 'Packet', 'Outcome', 'New', 'Duplicates', 'Conflicts', 'Photos', 'Note'],
    packetNo: (n: number) => `No. ${n}`,
  },
} as const;

const escape = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const cells = (tag: 'td' | 'th', values: readonly (string | number)[]) => values.map((v) => `<${tag}>${escape(v)}</${tag}>`).join('');

export function receiptHtml(bureau: string, when: string, { language, lines }: Pick<ReceiptInput, 'language' | 'lines'>): string {
  const w = WORDS[language];
  const rows = lines.map((l) =>
    cells('td', [
      l.file,
      l.officer,
      l.sequence === null ? '—' : w.packetNo(l.sequence),
      l.outcome,
      l.newRecords,
      l.duplicateRecords,
      l.conflicts,
      l.photosStored,
      l.note,
    ]),
  );
  return `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escape(`${w.title} · ${bureau}`)}</title>
<style>
@page { size: A4 landscape; margin: 14mm; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; font-size: 12px; color: #222; }
h1 { font-size: 18px; margin: 0 0 4px; } p { margin: 0 0 12px; color: #555; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td:nth-child(n+5):nth-child(-n+8) { text-align: right; }
</style></head><body>
<h1>${escape(w.title)}</h1>
<p>${escape(bureau)}　${escape(w.when)} ${escape(when)}</p>
<table><thead><tr>${cells('th', w.head)}</tr></thead><tbody>
${rows.map((r) => `<tr>${r}</tr>`).join('\n')}
</tbody></table>
</body></html>
`;
}

/** Writes the receipt into the chosen folder, the outbox (a page) or `out` (the command line); never over another file. */
export function writeReceipt(ctx: BureauContext, input: ReceiptInput): { file: string; bytes: number } {
  const now = ctx.now();
  const zone = bureauTimeZone(ctx.db);
  const when = localDateTime(now, zone);
  const stamp = when.replace(/[-: ]/g, '').slice(0, 12);
  // One packet's receipt (to hand back to its officer) says whose and which in its name.
  const [only] = input.lines.length === 1 ? input.lines : [];
  const whose = only && only.sequence !== null ? `-${safeFileName(only.officer)}-${WORDS.zh.packetNo(only.sequence).replace(/ /g, '')}` : '';
  const file = outputPath(ctx, input, `${WORDS.zh.title}${whose}-${stamp}.html`, '--out (the receipt file)');
  const data = Buffer.from(receiptHtml(bureauName(ctx.db), `${when}（${zone}）`, input), 'utf8');
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomically(file, data);
  return { file, bytes: data.length };
}
