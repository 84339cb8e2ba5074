import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // Backtests run on worker threads from their own entry, out/main/backtest-worker.js, which the
          // service finds beside out/main/index.js (src/main/backtest/backtest-worker-path.ts).
          'backtest-worker': resolve(__dirname, 'src/main/backtest/backtest-worker.ts'),
          // The journal's SQLite projection runs on a thread of its own, out/main/projection-worker.js
          // (src/main/adapters/journal/file-journal.ts).
          'projection-worker': resolve(__dirname, 'src/main/adapters/journal/projection-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') }, output: { format: 'cjs' } } },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
    plugins: [react()],
  },
});
