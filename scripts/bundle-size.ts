/**
 * What the browser downloads before each screen can show, from the web build's manifest (run `npm run build`
 * first; `npm run size` does both): the scripts the sign-in screen and the case list need (each chunk with
 * every chunk it imports), all scripts, and the village gazetteer, compressed as the server sends them.
 *   npm run size
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const WEB_DIST = resolve(import.meta.dirname, '../packages/web/dist');

/** Compressed bytes of JavaScript a screen may need at most (issue 9: a 1.6 Mbit/s shelter connection). */
export const BUDGETS = { signIn: 150 * 1024, caseList: 300 * 1024 } as const;

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
}

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FirstLoadSizes {
  /** In the language whose files are larger (Khmer script takes three bytes a letter): the worst case. */
  signIn: Size;
  caseList: Size;
  allScripts: Size;
  gazetteer: Size;
}

const LANGUAGES = ['en', 'km'] as const;
const NAMESPACES_BEFORE_SIGN_IN = ['common', 'account']; // PUBLIC_NAMESPACES in packages/web/src/i18n.ts
const SIGNED_IN_FRAME = ['src/auth/require-user.component.tsx', 'src/layout/app-shell.component.tsx'];
const CASE_LIST_PAGE = 'src/cases/case-list.page.tsx';
const GAZETTEER_DATA = '../core/src/gazetteer/gazetteer.data.json';
const localeFile = (language: string, namespace: string) => `../core/src/locales/${language}/${namespace}.json`;

function readManifest(dist: string): Record<string, ManifestChunk> {
  const path = join(dist, '.vite/manifest.json');
  if (!existsSync(path)) throw new Error(`No build manifest at ${path}: run npm run build first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
}

/** The chunk's file and those of every chunk it imports statically, which the browser fetches with it. */
function filesNeeded(manifest: Record<string, ManifestChunk>, keys: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The build manifest has no ${key}.`);
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  keys.forEach(visit);
  return files;
}

/** The precompressed file the server sends when there is one, else what it would be compressed on the fly. */
function sizeOf(dist: string, file: string): Size {
  const path = join(dist, file);
  const raw = readFileSync(path);
  const stored = (suffix: string, compress: (data: Buffer) => Buffer) =>
    existsSync(path + suffix) ? readFileSync(path + suffix).length : compress(raw).length;
  return { raw: raw.length, gzip: stored('.gz', (data) => gzipSync(data)), brotli: stored('.br', brotliCompressSync) };
}

function total(dist: string, files: Iterable<string>): Size {
  const sum: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const size = sizeOf(dist, file);
    sum.raw += size.raw;
    sum.gzip += size.gzip;
    sum.brotli += size.brotli;
  }
  return sum;
}

export function measureFirstLoad(dist: string = WEB_DIST): FirstLoadSizes {
  const manifest = readManifest(dist);
  const largest = (keysOf: (language: string) => string[]): Size =>
    LANGUAGES.map((language) => total(dist, filesNeeded(manifest, keysOf(language)))).reduce((a, b) =>
      a.brotli >= b.brotli ? a : b,
    );
  const signIn = (language: string) => [
    'index.html',
    ...NAMESPACES_BEFORE_SIGN_IN.map((namespace) => localeFile(language, namespace)),
  ];
  const allStrings = (language: string) =>
    Object.keys(manifest).filter((key) => key.startsWith(localeFile(language, '').replace(/\.json$/, '')));
  const scripts = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  return {
    signIn: largest(signIn),
    caseList: largest((language) => [...signIn(language), ...SIGNED_IN_FRAME, CASE_LIST_PAGE, ...allStrings(language)]),
    allScripts: total(dist, scripts),
    gazetteer: total(dist, filesNeeded(manifest, [GAZETTEER_DATA])),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatSizes(sizes: FirstLoadSizes): string {
  const rows: [string, Size, number | undefined][] = [
    ['sign-in screen', sizes.signIn, BUDGETS.signIn],
    ['case list', sizes.caseList, BUDGETS.caseList],
    ['all scripts', sizes.allScripts, undefined],
    ['gazetteer (on first place picker)', sizes.gazetteer, undefined],
  ];
  const lines = rows.map(
    ([label, size, budget]) =>
      `  ${label.padEnd(36)} ${kb(size.brotli).padStart(10)} ${kb(size.gzip).padStart(10)} ${kb(size.raw).padStart(10)}` +
      (budget === undefined ? '' : `   budget ${kb(budget)} (brotli)`),
  );
  return [
    `  ${'JavaScript'.padEnd(36)} ${'brotli'.padStart(10)} ${'gzip'.padStart(10)} ${'raw'.padStart(10)}`,
    ...lines,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatSizes(measureFirstLoad()));
}
