import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

export interface FolderLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockPathOf(dataDir: string): string {
  // Beside the folder, not in it: a restore needs its target folder empty.
  return `${dataDir.replace(/[\\/]+$/, '')}.lock`;
}

/**
 * Claims an embedded database folder for this process. Two processes on one folder each keep their own copy
 * of the database in memory and overwrite each other's writes: acknowledged cases are lost and case numbers
 * repeat. The lock file holds the owner's process id; a lock whose process is gone (killed, crashed) is stale
 * and is taken over.
 */
export function lockDataFolder(dataDir: string): FolderLock {
  const path = lockPathOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new Error(
        `The data folder ${dataDir} is in use by another Homeward process (pid ${owner}). ` +
          'Stop it first (two processes on one folder lose data), then try again. ' +
          `If no Homeward is running, remove ${path}.`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new Error(`Could not lock the data folder ${dataDir}: another process keeps claiming it.`);
}
