import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, runnerImport, type Plugin } from 'vite';

const SHARED = fileURLToPath(new URL('../shared', import.meta.url));
const START_STYLES = 'start-styles.css';
/** How build-time modules are run (in Node, through Vite's module runner): only the @shared alias of the app. */
const RUNNER = { configFile: false, resolve: { alias: { '@shared': SHARED } }, logLevel: 'warn' } as const;

/**
 * The first screen's antd styles as a stylesheet made at build time (renderer/start-styles.tsx says why), linked
 * from index.html before the page's own style. After it, an empty style element that antd's style queue
 * (`data-rc-order="prependQueue"`) finds: the styles antd still makes at runtime go after the sheet, in the
 * order they would have had anyway, and before the page's own overrides.
 */
function startStyles(): Plugin {
  return {
    name: 'sponsor-desk-start-styles',
    apply: 'build',
    async buildStart() {
      const { module } = await runnerImport<typeof import('./start-styles')>(fileURLToPath(new URL('./start-styles.tsx', import.meta.url)), RUNNER);
      this.emitFile({ type: 'asset', name: START_STYLES, source: module.startStyles() });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const sheet = Object.values(ctx.bundle ?? {}).find((file) => file.type === 'asset' && file.names.includes(START_STYLES));
        if (!sheet) throw new Error(`${START_STYLES} was not emitted`);
        const tags = `<link rel="stylesheet" href="./${sheet.fileName}"><style data-rc-order="prependQueue" data-rc-priority="-999"></style>\n    `;
        const at = html.indexOf('<style');
        return at >= 0 ? html.slice(0, at) + tags + html.slice(at) : html.replace('</head>', `${tags}</head>`);
      },
    },
  };
}

/**
 * The typed client's map of what each write changes (src/api/operation-changes.ts) as plain data: the module is
 * run here, at build time, and the bundle gets its result instead of the operation table and its zod schemas.
 */
function operationChangesAsData(): Plugin {
  const module = fileURLToPath(new URL('./src/api/operation-changes.ts', import.meta.url));
  return {
    name: 'sponsor-desk-operation-changes',
    apply: 'build',
    async load(id) {
      if (id !== module) return null;
      const { module: built } = await runnerImport<typeof import('./src/api/operation-changes')>(module, RUNNER);
      return `export const operationChanges = ${JSON.stringify(built.operationChanges)};`;
    },
  };
}

/** The renderer, built to dist/renderer with relative paths so both app:// (Electron) and the preview serve it. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), startStyles(), operationChangesAsData()],
  // shared/ is imported as @shared/… everywhere outside it (tsconfig.json "paths" says the same for tsc, tsx and esbuild).
  resolve: { alias: { '@shared': SHARED } },
  build: { outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
