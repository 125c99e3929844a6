import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served by either shell: Electron loads it from
// file:// (hence relative asset paths), the web host serves it over HTTP.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
  },
});
