import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * the api sends the one a browser accepts without compressing anything per request. From the
 * files as written (`writeBundle`): earlier, a chunk's code may still hold placeholders later
 * plugins fill in (the preload list of a dynamic import), and the copies would hold them too.
 */
function precompress(): Plugin {
  return {
    name: 'impasse-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(file.fileName)) continue;
        const path = join(dir, file.fileName);
        const source = readFileSync(path);
        if (source.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
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
