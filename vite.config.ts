import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const alias = [
  // Monaco's package exports map every subpath to `.js`; its CSS is reached through this alias.
  { find: /^monaco-editor-css\/(.*)$/, replacement: fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url)) + '$1' },
];

// Everything the studio needs is bundled from node_modules: Monaco (and its editor worker),
// DuckDB-wasm (wasm binaries and its workers through `?url`), the engine worker. Nothing is
// fetched from a CDN at run time.
export default defineConfig({
  plugins: [react()],
  resolve: { alias },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
  },
  optimizeDeps: {
    exclude: ['@duckdb/duckdb-wasm'],
  },
  server: { port: 5173 },
  preview: { port: 5173, strictPort: true, open: false },
});
