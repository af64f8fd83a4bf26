import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const sharedSrc = fileURLToPath(new URL('../shared/src/', import.meta.url));
const apiTarget = process.env.OPERABLE_API ?? 'http://127.0.0.1:8080';
const proxied = ['/api', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Use the shared contract straight from source so no prior build is needed.
    alias: { '@operable/shared': `${sharedSrc}index.ts` },
  },
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: apiTarget, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // The shared package's schema modules only declare zod schemas; the web app
      // imports a few plain constants and functions from it. Treating its modules
      // as side-effect free keeps zod out of the bundle.
      treeshake: {
        moduleSideEffects: (id: string) => !id.startsWith(sharedSrc),
      },
    },
  },
});
