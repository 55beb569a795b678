import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../..');
export const WEB_DIR = resolve(REPO_ROOT, 'packages/web');
export const WEB_DIST = resolve(WEB_DIR, 'dist');

export const VERSION = (JSON.parse(readFileSync(resolve(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
