// The connect page's build: static files under /connect/ (api/routes/connect-page.ts serves them),
// hashed asset names (cached for a year), no inline script (its Content-Security-Policy allows none).
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/connect/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be an inline script; every browser the page supports has modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2020',
  },
});
