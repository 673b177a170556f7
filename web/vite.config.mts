import { defineConfig } from 'vite';

// Vite's root is web/ (`vite build web`); the Nest app serves the build from dist/web at `/`.
// TSX is compiled by Oxc with React's automatic JSX runtime (no @vitejs/plugin-react needed).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
