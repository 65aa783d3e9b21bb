import type { ProjectLevel } from '@shared/domain/index.js';
import type { ProjectSummary } from '@shared/operations/index.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { seedLargePortfolio } from './large-portfolio.js';
import { measure, once, result } from './measure.js';
import type { BenchResult } from './types.js';

/**
 * The home screen with a large portfolio (issue 3: 1,000 projects and 20,000 problems/visits):
 * how long `projects.list` takes through the registry (what the window waits for), how long filtering
 * the result takes in memory (each keystroke), beside a raw `SELECT * FROM projects` in the same run.
 */
const SIZE = { projects: 1000, problems: 20_000, visits: 20_000 };
const NOW = new Date('2026-11-24T10:00:00');

/** Mirrors the renderer's filterProjects (renderer/src/store/slices/projects-slice.ts), which cannot be imported in Node. */
function filterProjects(projects: readonly ProjectSummary[], search: string, levels: readonly ProjectLevel[]): ProjectSummary[] {
  const needle = search.trim().toLowerCase().replace(/\s+/g, '');
  return projects.filter(
    (p) =>
      (needle === '' ||
        p.searchKey
          .replace(/\s+/g, ' ')
          .split(' ')
          .some((k) => k.includes(needle))) &&
      (levels.length === 0 || levels.includes(p.level)),
  );
}

export async function run(): Promise<BenchResult[]> {
  const dir = makeTempDir('sponsor-desk-bench-');
  try {
    let ctx = openOfficerStore({ databasePath: dir.file('store.db'), now: () => NOW });
    try {
      const seeded = await once(() => seedLargePortfolio(ctx.db, { ...SIZE, now: NOW }));
      const counts = seeded.value;
      const sizes = `${counts.projects} projects, ${counts.problems} problems (${counts.problemEvents} events), ${counts.visits} visits, ${counts.checklistItems} checklist items, ${counts.investmentEntries} investment entries`;
      process.stderr.write(`  seeded ${sizes} in ${(seeded.ms / 1000).toFixed(1)} s\n`);

      // App start: open the store as the app does (pragmas, integrity check, migrations), then the first list.
      ctx.db.close();
      const opened = await once(() => openOfficerStore({ databasePath: dir.file('store.db'), now: () => NOW }));
      ctx = opened.value;
      const bytes = (ctx.db.pragma('page_count', { simple: true }) as number) * (ctx.db.pragma('page_size', { simple: true }) as number);

      const registry = createRegistry();
      const list = async (): Promise<ProjectSummary[]> => {
        const r = await registry.dispatch('projects.list', {}, ctx);
        if (!r.ok) throw new Error(`projects.list failed: ${r.error.message}`);
        return r.value as ProjectSummary[];
      };

      const rawSelect = ctx.db.prepare('SELECT * FROM projects');
      const raw = await measure(() => rawSelect.all(), { runs: 50, warmup: 5 });

      const cold = await once(list);
      const warm = await measure(list, { runs: 10, warmup: 1 });
      const projects = cold.value;

      const payload = JSON.stringify(projects);
      const serialize = await measure(() => JSON.stringify(projects), { runs: 20, warmup: 2 });

      // The busiest project's page, for scale beside the list.
      const busiest = ctx.db.prepare('SELECT project_id AS id, count(*) AS n FROM problems GROUP BY project_id ORDER BY n DESC LIMIT 1').get() as {
        id: string;
        n: number;
      };
      const page = await measure(
        async () => {
          const r = await registry.dispatch('projects.get', { projectId: busiest.id }, ctx);
          if (!r.ok) throw new Error(`projects.get failed: ${r.error.message}`);
        },
        { runs: 20, warmup: 2 },
      );

      const pinyinHits = filterProjects(projects, 'xwd', []).length;
      const levelHits = filterProjects(projects, 'xwd', ['provincial', 'municipal']).length;
      const filterPinyin = await measure(() => filterProjects(projects, 'xwd', []), { runs: 200, warmup: 20 });
      const filterLevel = await measure(() => filterProjects(projects, 'xwd', ['provincial', 'municipal']), { runs: 200, warmup: 20 });
      const filterChinese = await measure(() => filterProjects(projects, '动力电池', ['district']), { runs: 200, warmup: 20 });

      return [
        { name: 'seed the large store (one transaction)', value: Math.round(seeded.ms), unit: 'ms', note: sizes },
        result('open the store (pragmas, quick_check, migrations)', opened.ms, { note: `${(bytes / 2 ** 20).toFixed(1)} MiB file` }),
        result('raw SELECT * FROM projects (baseline)', raw, { note: `${projects.length} active of ${counts.projects} rows` }),
        result('projects.list via registry, first call', cold.ms, { baseline: raw.median }),
        result('projects.list via registry', warm, { baseline: raw.median }),
        result('serialize the list as JSON (what the preview bridge sends)', serialize, { note: `${Math.round(payload.length / 1024)} KiB` }),
        result('projects.get via registry, busiest project', page, { note: `${busiest.n} problems` }),
        result('filter in memory: "xwd"', filterPinyin, { note: `${pinyinHits} hits` }),
        result('filter in memory: "xwd" + provincial/municipal', filterLevel, { note: `${levelHits} hits` }),
        result('filter in memory: "动力电池" + district', filterChinese),
      ];
    } finally {
      ctx.db.close();
    }
  } finally {
    dir.remove();
  }
}
