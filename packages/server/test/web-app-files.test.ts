import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachEngine } from './support/engines';
import { startTestServer, type TestServer } from './support/test-server';

// Large enough to be worth compressing, as the build's scripts are.
const SCRIPT = `export const app = ${JSON.stringify('Homeward '.repeat(2000))};\n`;
const PAGE = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${'<!-- the app -->'.repeat(100)}</body></html>`;

/** A build as Vite leaves it: each text file beside its .br and .gz. */
function writeBuild(root: string): void {
  const write = (path: string, content: string, compressed = true) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    if (!compressed) return;
    writeFileSync(join(root, `${path}.br`), brotliCompressSync(content));
    writeFileSync(join(root, `${path}.gz`), gzipSync(content));
  };
  write('index.html', PAGE);
  write('assets/index-Ab12Cd34.js', SCRIPT);
  write('assets/index-Ef56Gh78.css', 'body { margin: 0 }', false);
  write('sw.js', `self.addEventListener('install', () => {}); // ${'x'.repeat(2000)}`);
  write('workbox-9c191d2f.js', SCRIPT);
  write('.vite/manifest.json', '{}', false);
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The bytes as sent, not decoded: fetch would undo the compression this test is about. */
function get(url: string, acceptEncoding?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describeOnEachEngine('the web app’s files', (engine) => {
  let server: TestServer;
  let root: string;
  let origin: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'homeward-web-'));
    writeBuild(root);
    server = await startTestServer(engine, { webRoot: root });
    origin = new URL(server.url('/health')).origin;
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends a script compressed with brotli to a browser that accepts it, and says the answer varies by encoding', async () => {
    const response = await get(`${origin}/assets/index-Ab12Cd34.js`, 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip to a browser that accepts only gzip (Chromium on a plain-http address)', async () => {
    const response = await get(`${origin}/assets/index-Ab12Cd34.js`, 'gzip, deflate');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(response.body).toString()).toBe(SCRIPT);
  });

  it('sends the file as it is to a client that accepts no compression', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const response = await get(`${origin}/assets/index-Ab12Cd34.js`, acceptEncoding);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.body.toString()).toBe(SCRIPT);
    }
  });

  it('lets browsers keep hashed files for a year without asking again, whatever the encoding', async () => {
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      for (const path of ['/assets/index-Ab12Cd34.js', '/assets/index-Ef56Gh78.css', '/workbox-9c191d2f.js']) {
        const response = await get(`${origin}${path}`, acceptEncoding);
        expect(response.status, path).toBe(200);
        expect(response.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
      }
    }
  });

  it('makes browsers ask whether the page and the service worker changed, so a new build is seen at once', async () => {
    for (const path of ['/', '/index.html', '/cases/123', '/sw.js']) {
      const response = await get(`${origin}${path}`, 'br');
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-cache');
      expect(response.headers['content-encoding'], path).toBe('br');
      expect(response.headers.vary, path).toMatch(/accept-encoding/i);
    }
    expect(brotliDecompressSync((await get(`${origin}/cases/123`, 'br')).body).toString()).toBe(PAGE);
  });

  it('keeps the build manifest from browsers', async () => {
    expect((await get(`${origin}/.vite/manifest.json`, 'identity')).status).toBe(404);
  });
});
