// The dashboard build: `vite build web` writes web/dist, which `cxlens serve` serves at /.
// In development (`vite web`) /api is proxied to a running `cxlens serve` (CXLENS_API, default :4600).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'charts'
            : undefined,
      },
    },
  },
  server: {
    proxy: { '/api': process.env.CXLENS_API ?? 'http://127.0.0.1:4600' },
  },
});
