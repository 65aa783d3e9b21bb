import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer, built to dist/renderer with relative paths so both app:// (Electron) and the preview serve it. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  // shared/ is imported as @shared/… everywhere outside it (tsconfig.json "paths" says the same for tsc, tsx and esbuild).
  resolve: { alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  build: { outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
