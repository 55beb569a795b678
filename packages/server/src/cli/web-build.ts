import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { WEB_DIR, WEB_DIST } from '../paths';

/** `npm ci && npm start` must be enough: the first start builds the web app if no build is there. */
export function ensureWebBuild(log: (line: string) => void): void {
  if (existsSync(resolve(WEB_DIST, 'index.html'))) return;
  log('Building the web app (first start only)…');
  const vite = createRequire(resolve(WEB_DIR, 'package.json')).resolve('vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
}
