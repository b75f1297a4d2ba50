import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.TICKERWIRE_API ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': api,
      '/metrics': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
