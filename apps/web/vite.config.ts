import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const library = (path: string) => fileURLToPath(new URL(`../../libs/${path}`, import.meta.url));

/** The console, built into dist/web, which the API serves at `/` (CONSOLE_DIR). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // The libraries' plain-constant entries the console imports (its tsconfig maps the same paths).
  resolve: {
    alias: {
      '@nrm/case/vocabulary': library('case/src/vocabulary/index.ts'),
      '@nrm/deadlines/vocabulary': library('deadlines/src/vocabulary/index.ts'),
      '@nrm/shared-kernel': library('shared-kernel/src/index.ts'),
    },
  },
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
});
