import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In dev (npm run dev -w web) Vite proxies the API so the app talks to it same-origin.
const api = process.env.CADENZA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': api, '/ready': api, '/health': api } },
  build: { outDir: 'dist', emptyOutDir: true },
});
