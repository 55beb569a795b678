import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT, WEB_DIR, WEB_DIST } from '../paths';

/** The newest modification time of any file below a folder. */
function newestChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * `npm ci && npm start` must be enough: the web app is built on start when there is no build, or when the
 * web app's or core's sources (screens, translations) changed since the last one, as after an upgrade.
 */
export function ensureWebBuild(log: (line: string) => void): void {
  const index = resolve(WEB_DIST, 'index.html');
  const sources = [resolve(WEB_DIR, 'src'), resolve(WEB_DIR, 'public'), resolve(REPO_ROOT, 'packages/core/src')];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestChange))) return;
  log('Building the web app…');
  // vite's exports map hides its bin, but not its package.json, which lies beside it.
  const vitePackage = createRequire(resolve(WEB_DIR, 'package.json')).resolve('vite/package.json');
  const vite = resolve(dirname(vitePackage), 'bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
}
