// Bundles the Electron main process, the preload and any long-work workers with esbuild:
//   electron/main/index.ts          -> dist/electron/main.cjs      (Node, CommonJS; electron and native modules external)
//   electron/preload/index.ts       -> dist/electron/preload.cjs   (sandboxed: one file, requires only `electron`)
//   electron/main/workers/<name>.ts -> dist/electron/workers/<name>.cjs (worker threads, see electron/main/long-work.ts)
// and copies the window icon beside them. Run with `npm run build:electron`; exits non-zero on any error,
// or when a bundle requires something it must not.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'electron');

/** Loaded from node_modules at run time (native code, unpacked from the asar by electron-builder). */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'sharp'];
/** A sandboxed preload can require only a few built-ins; this one needs just `electron`. */
export const PRELOAD_EXTERNALS = ['electron'];

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Electron 45 runs Node 22+ and Chromium 14x; the output keeps modern syntax. */
const common = {
  bundle: true,
  format: 'cjs',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
  // import.meta in CommonJS bundles (electron/main/long-work.ts finds its worker beside itself): the bundle's own
  // folder; import.meta.resolve is reached only when running from source, never in a bundle.
  define: { 'import.meta.dirname': '__dirname', 'import.meta.resolve': 'require.resolve' },
};

function externalImports(metafile) {
  const found = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const imp of input.imports) if (imp.external) found.add(imp.path);
  }
  return [...found].sort();
}

function assertExternals(label, metafile, allowed, allowBuiltins) {
  const bad = externalImports(metafile).filter((p) => !allowed.includes(p) && !(allowBuiltins && nodeBuiltins.has(p)));
  if (bad.length > 0) throw new Error(`${label} requires modules it must not: ${bad.join(', ')}`);
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const mainResult = await build({
    ...common,
    entryPoints: [join(root, 'electron/main/index.ts')],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    target: 'node22',
    external: MAIN_EXTERNALS,
  });
  assertExternals('main', mainResult.metafile, MAIN_EXTERNALS, true);

  // The preload is built for the browser platform: a sandboxed preload has no Node built-ins, so any import
  // of one fails here, at build time, instead of in the window.
  const preloadResult = await build({
    ...common,
    entryPoints: [join(root, 'electron/preload/index.ts')],
    outfile: join(outDir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome130',
    external: PRELOAD_EXTERNALS,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  assertExternals('preload', preloadResult.metafile, PRELOAD_EXTERNALS, false);

  const workersDir = join(root, 'electron/main/workers');
  const workers = existsSync(workersDir) ? readdirSync(workersDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')) : [];
  if (workers.length > 0) {
    const workerResult = await build({
      ...common,
      entryPoints: workers.map((f) => join(workersDir, f)),
      outdir: join(outDir, 'workers'),
      outExtension: { '.js': '.cjs' },
      platform: 'node',
      target: 'node22',
      external: MAIN_EXTERNALS,
    });
    assertExternals('workers', workerResult.metafile, MAIN_EXTERNALS, true);
  }

  const icon = join(root, 'build/icons/icon.png');
  if (existsSync(icon)) copyFileSync(icon, join(outDir, 'icon.png'));

  const outputs = [mainResult, preloadResult].flatMap((r) => Object.entries(r.metafile.outputs));
  for (const [file, info] of outputs) console.log(`${relative(root, join(root, file))}  ${(info.bytes / 1024).toFixed(0)} KiB`);
  if (workers.length > 0) console.log(`workers: ${workers.join(', ')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
