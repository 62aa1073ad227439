import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The api serves the built console at /admin (see server/src/http/routes/admin-console.ts).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin with Material UI is one large vendor chunk; say so only past 2 MB.
    chunkSizeWarningLimit: 2_000,
  },
  server: {
    // `npx vite` in this folder proxies the admin API to a local api (npm run demo).
    proxy: { '/admin/api': 'http://127.0.0.1:3000' },
  },
});
