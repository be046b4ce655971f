import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `vite` (dev and preview) forwards the api's paths; the built app uses its own origin. */
const api = process.env.API_URL ?? 'http://localhost:3000';

// The Host header is kept (no changeOrigin): the api takes the session cookie on a socket only
// from a page of the origin the socket reached, and makes calendar links for the host it was asked on.
const proxy = {
  '/graphql': { target: api, ws: true },
  '/calendar': { target: api },
  '/healthz': { target: api },
  '/readyz': { target: api },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
