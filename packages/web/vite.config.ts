import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
        // The bundle carries the whole village gazetteer so that intake works offline; let it be precached.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        // API responses hold children's data: never let the service worker answer for them.
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    // Inlined assets become data: URLs, which the server's Content-Security-Policy may refuse (fonts above all).
    assetsInlineLimit: 0,
    // Most of the main chunk is the gazetteer (every village, in both scripts), needed offline anyway.
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { '/api': API_SERVER } },
  preview: { proxy: { '/api': API_SERVER } },
});
