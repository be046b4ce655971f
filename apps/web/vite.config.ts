import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
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

/**
 * A brotli (`.br`) and a gzip (`.gz`) copy of each text file of the build, written once here so
 * the api sends the one a browser accepts without compressing anything per request.
 */
function precompress(): Plugin {
  return {
    name: 'impasse-precompress',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file.fileName)) continue;
        const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        if (source.length < 1024) continue;
        const br = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.br`, source: br });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(source, { level: 9 }) });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: { proxy },
  preview: { proxy },
  // No source maps in the build: the api would publish them with the files.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
