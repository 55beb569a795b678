import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { constants } from 'node:zlib';

const THEME_COLOUR = '#1f5f5b';
const API_SERVER = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Homeward',
        short_name: 'Homeward',
        description: 'Case management for the protection and reintegration of children',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f7f6',
        theme_color: THEME_COLOUR,
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        // Every chunk is precached once the first page has loaded, the village gazetteer's too (about 850 KB
        // before compression), so that intake works offline even where no place picker was opened online.
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
        navigateFallback: 'index.html',
        // API responses hold children's data: never let the service worker answer for them.
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
    // Every text file also as .br and .gz beside it, made once here at the highest levels, which would be too
    // slow per request; the server sends the one the browser accepts (docs/decisions/0008-first-load.md).
    compression({
      include: /\.(js|css|html|svg|json|webmanifest)$/,
      threshold: 1024,
      algorithms: [
        defineAlgorithm('brotliCompress', {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
    }),
  ],
  build: {
    outDir: 'dist',
    // Inlined assets become data: URLs, which the server's Content-Security-Policy may refuse (fonts above all).
    assetsInlineLimit: 0,
    // Lists every chunk and what it imports, from which `npm run size` adds up what each screen needs.
    manifest: true,
    // The largest chunk is the gazetteer (every village in both scripts), loaded only by screens with places.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // The libraries every screen runs on, in one chunk: split across the entry and whichever lazy chunk
        // first shares them, they compressed worse and cost the sign-in screen more bytes and round trips.
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|zod)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': API_SERVER } },
  preview: { proxy: { '/api': API_SERVER } },
});
