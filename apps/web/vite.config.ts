import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `vite` (dev and preview) forwards the api's paths; the built app uses its own origin. */
const api = process.env.API_URL ?? 'http://localhost:3000';

const proxy = {
  '/graphql': { target: api, changeOrigin: true, ws: true },
  '/healthz': { target: api, changeOrigin: true },
  '/readyz': { target: api, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
