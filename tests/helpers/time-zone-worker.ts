/**
 * Run as its own process (`node --import tsx time-zone-worker.ts STORE`) under whatever TZ the parent sets:
 * opens an officer store with the clock at 2025-11-30T20:00Z and prints, as JSON, every day and time the
 * officer app derives from that moment (today, the week, the weekly report's figures and times, the ledger's
 * cells, the packet's file name). The parent compares what it prints under TZ=UTC and TZ=Asia/Shanghai.
 */
import { openOfficerStore } from '../../electron/app/open-store.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { ledgerDataFromStore } from '../../electron/sync/ledger-rows.js';
import { writeLedgerWorkbook } from '../../electron/sync/ledger-workbook.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { weeklyFileName } from '../../electron/sync/weekly-export.js';
import { renderWeeklyReport, weeklyContext } from '../../electron/sync/weekly-report.js';
import { Officer } from '@shared/domain/index.js';
import { readSetting } from '../../electron/store/repositories/settings.js';

const NOW = new Date('2025-11-30T20:00:00.000Z');
const ctx = openOfficerStore({ databasePath: process.argv[2]!, seedDemoWhenEmpty: false, now: () => NOW });
try {
  const registry = createRegistry();
  const call = async (name: string, input: unknown) => {
    const r = await registry.dispatch(name as never, input as never, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as Record<string, unknown>;
  };
  const info = await call('app.info', {});
  const week = (await call('week.overview', {})) as {
    weekStart: string;
    today: string;
    done: { investment: { on: string }[]; problemSteps: { on: string }[] };
  };
  const weekly = weeklyContext(ctx.db, NOW);
  const html = renderWeeklyReport(weekly, '小结', { sequence: 1, createdAt: NOW.toISOString(), changeCount: 0 });
  const officer = readSetting(ctx.db, 'officer', Officer);
  const ledger = readLedgerWorkbook(await writeLedgerWorkbook(ledgerDataFromStore(ctx.db, NOW, officer)));
  process.stdout.write(
    JSON.stringify({
      processZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      today: info.today,
      week: { start: week.weekStart, today: week.today, investmentOn: week.done.investment.map((e) => e.on), stepsOn: week.done.problemSteps.map((s) => s.on) },
      weekly: {
        from: weekly.stats.from,
        to: weekly.stats.to,
        investmentEntries: weekly.stats.investmentEntries,
        problemsResolved: weekly.stats.problemsResolved,
      },
      reportMeta: /<div class="meta">[^<]*<\/div>/.exec(html)?.[0] ?? null,
      reportFooter: /<footer>[^<]*<\/footer>/.exec(html)?.[0] ?? null,
      fileName: weeklyFileName('李明', 1, NOW.toISOString(), weekly.timeZone),
      ledger,
    }),
  );
} finally {
  ctx.db.close();
}
