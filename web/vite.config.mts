import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `.br` and `.gz` beside each hashed asset at the strongest settings, once, at build time:
 * @fastify/static serves them as they are (`preCompressed`), so no request pays for compressing.
 */
function precompressAssets(): Plugin {
  return {
    name: 'unknot:precompress-assets',
    applyToEnvironment: (environment) => environment.name === 'client',
    writeBundle({ dir }) {
      const assets = join(dir!, 'assets');
      for (const name of readdirSync(assets).filter((file) => /\.(js|css|svg)$/.test(file))) {
        const content = readFileSync(join(assets, name));
        writeFileSync(
          join(assets, `${name}.br`),
          brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
          }),
        );
        writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
      }
    },
  };
}

// Vite's root is web/ (`vite build web`); the Nest app serves the build from dist/web at `/`.
// TSX is compiled by Oxc with React's automatic JSX runtime (no @vitejs/plugin-react needed).
// `builder` makes `vite build` build both environments: the browser's app (dist/web) and the
// server's renderer of the home page (dist/web-ssr, outside what the file server serves).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  builder: {},
  plugins: [precompressAssets()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  environments: {
    ssr: {
      build: {
        outDir: '../dist/web-ssr',
        emptyOutDir: true,
        rolldownOptions: {
          input: 'src/entry-server.tsx',
          // The server's build is CommonJS: `.mjs` tells Node that this file is a module.
          output: { entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
