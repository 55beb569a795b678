import { relative, sep } from 'node:path';
import type { FastifyStaticOptions } from '@fastify/static';

/** A file whose name holds a hash of its content never changes: browsers and proxies may keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page and the service worker name the hashed files of the current build: always ask whether they changed. */
export const REVALIDATE = 'no-cache';

// Vite's output (assets/name-hash.ext) and the service worker's runtime (workbox-hash.js).
const HASHED = /^(assets\/.+|workbox-[0-9a-f]{8,}\.js)$/;

export function cacheControlFor(webRoot: string, filePath: string): string {
  const name = relative(webRoot, filePath)
    .split(sep)
    .join('/')
    .replace(/\.(br|gz)$/, '');
  return HASHED.test(name) ? IMMUTABLE : REVALIDATE;
}

/**
 * The built web app: each file as the browser accepts it (brotli or gzip, compressed at build time, with
 * `Vary: accept-encoding`), hashed files cached for good, everything else revalidated. A shelter's shared
 * connection pays for the app once.
 */
export function webAppFiles(webRoot: string): FastifyStaticOptions {
  return {
    root: webRoot,
    wildcard: true,
    index: ['index.html'],
    preCompressed: true,
    // The build manifest (.vite/) is for `npm run size`, not for browsers.
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlFor(webRoot, filePath));
    },
  };
}
