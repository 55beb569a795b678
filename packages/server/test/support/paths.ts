import { resolve } from 'node:path';
import { REPO_ROOT } from '../../src/paths';

export const ARTIFACTS = resolve(REPO_ROOT, '.test-artifacts');
export const SNAPSHOT_PATH = resolve(ARTIFACTS, 'pglite-migrated.tar');
