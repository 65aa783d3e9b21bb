/**
 * The renderer's bundle split (issue 11): the home screen's first load fetches only the entry chunk and the
 * chunks it imports statically (the <script> and <link rel=modulepreload> tags of the built index.html);
 * every other screen and ECharts come in chunks of their own, fetched later. Asserted on the built
 * renderer (npm run build:renderer), the same files the app and the preview serve.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationChanges } from '../../renderer/src/api/operation-changes';

// RENDERER_DIST checks another build (e.g. one made to compare before and after a change).
const DIST = process.env.RENDERER_DIST ?? join(process.cwd(), 'dist/renderer');
const built = existsSync(join(DIST, 'index.html'));
/** Bytes the first screen may load before it runs: about half of the single 2.24 MB chunk it loaded before the split. */
const FIRST_LOAD_BUDGET = 1_500_000;

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
/** Whether minified code holds the string literal `text` (any quotes: the minifier uses backticks too). */
const hasLiteral = (code: string, text: string) => new RegExp(`[\`"']${text}[\`"']`).test(code);

/** The entry and every chunk reachable from it by static import: what the browser must have before the app starts. */
function firstLoad(): Set<string> {
  const html = read('index.html');
  const entry = /<script type="module"[^>]*src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module script in the built index.html');
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Static imports only (`import{a}from"./x.js"`, `import"./x.js"`); import("./x.js") is a lazy chunk.
    for (const m of read(file).matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) walk(`assets/${m[1]}`);
  };
  walk(entry);
  return seen;
}

describe.skipIf(!built)('the built renderer is split so home does not wait for other screens', () => {
  it('loads no ECharts and no other screen before the home screen runs', () => {
    const files = firstLoad();
    const code = [...files].map(read).join('\n');
    expect(files.size).toBeGreaterThan(0);
    // ECharts' core registers its renderers and preprocessors by these names.
    expect(code.includes('registerPreprocessor'), 'ECharts in the first load').toBe(false);
    // The other screens' test ids live only in their own chunks.
    for (const id of ['ledger-screen', 'week-screen', 'settings-screen', 'sync-screen', 'unlock-screen'])
      expect(hasLiteral(code, id), `${id} in the first load`).toBe(false);
    // The home screen itself is in the first load.
    expect(hasLiteral(code, 'project-search'), 'the home screen in the first load').toBe(true);
  });

  it('has the other screens and the chart as chunks loaded on demand', () => {
    const all = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const first = firstLoad();
    const later = all.filter((f) => !first.has(`assets/${f}`));
    const laterCode = later.map((f) => read(`assets/${f}`)).join('\n');
    expect(laterCode.includes('registerPreprocessor'), 'ECharts in a later chunk').toBe(true);
    for (const name of ['ProblemLedgerScreen', 'ProjectScreen', 'SettingsScreen', 'SyncScreen', 'ThisWeekScreen', 'UnlockScreen', 'InvestmentChart']) {
      expect(
        later.some((f) => f.startsWith(`${name}-`)),
        `${name} in a chunk of its own`,
      ).toBe(true);
    }
  });

  it("links the first screen's antd styles, made at build time, before the page's own style", () => {
    const html = read('index.html');
    const sheet = /<link rel="stylesheet" href="\.\/(assets\/start-styles-[^"]+\.css)">/.exec(html)?.[1];
    expect(sheet, 'the start stylesheet linked from index.html').toBeDefined();
    // antd's style queue finds this element: styles made at runtime go after the sheet, before the page's own.
    const queue = html.indexOf('<style data-rc-order="prependQueue"');
    expect(queue).toBeGreaterThan(html.indexOf(sheet!));
    expect(html.indexOf('html,body{margin:0', queue)).toBeGreaterThan(queue);
    // The sheet ends with cssinjs's map of the styles it holds, by path; antd skips making each one it names.
    const map = /\.data-ant-cssinjs-cache-path\{content:"([^"]+)";\}$/.exec(read(sheet!).trim())?.[1] ?? '';
    const paths = map.split(';').map((entry) => entry.split(':')[0]!);
    for (const component of ['Layout-Layout', 'Menu-Menu', 'Button-Button', 'Input-Component', 'Select-Select', 'Checkbox-Checkbox', 'Table-Table', 'Tag-Tag'])
      expect(
        paths.some((path) => path.split('|').includes(component)),
        `${component} in the start stylesheet`,
      ).toBe(true);
    // Made for the production hash (a development build's "css-dev-only-…" would match nothing at runtime).
    expect(paths.every((path) => !path.includes('dev-only'))).toBe(true);
  });

  it("holds the typed client's map of what each write changes as data, not the operation table", () => {
    // The minifier writes plain strings in backticks; read them back as JSON writes them.
    const code = [...firstLoad()]
      .map(read)
      .join('\n')
      .replace(/`([^`$\\]*)`/g, '"$1"');
    // The map the build wrote is the one the table gives (renderer/src/api/operation-changes.ts run as is).
    expect(code.includes(JSON.stringify(operationChanges)), 'the map of changes in the first load').toBe(true);
    expect(Object.keys(operationChanges).length).toBeGreaterThan(20);
    // The table's write entries (`changes:[…]`, with their zod schemas beside them) stay out of the first load.
    expect(code.includes('changes:['), 'the operation table in the first load').toBe(false);
  });

  it('keeps the first load within its budget', () => {
    const bytes = [...firstLoad()].reduce((sum, f) => sum + statSync(join(DIST, f)).size, 0);
    expect(bytes).toBeLessThan(FIRST_LOAD_BUDGET);
  });
});
