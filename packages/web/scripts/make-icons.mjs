// Writes the PWA's PNG icons with Node's built-ins only, so the icons need no image tool or download.
// Run: node packages/web/scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { URL } from 'node:url';

const BACKGROUND = [31, 95, 91];
const FOREGROUND = [255, 255, 255];
const ACCENT = [242, 183, 5];

/** The house from icon.svg, in a 0..1 square; `pad` shrinks it into a maskable icon's safe zone. */
function colourAt(x, y, pad) {
  const u = (x - pad) / (1 - 2 * pad);
  const v = (y - pad) / (1 - 2 * pad);
  const roof = v >= 0.2 && v <= 0.5 && Math.abs(u - 0.5) <= (v - 0.2) * (0.32 / 0.3);
  const body = u >= 0.28 && u <= 0.72 && v >= 0.48 && v <= 0.8;
  const door = u >= 0.44 && u <= 0.56 && v >= 0.6 && v <= 0.8;
  if (door) return ACCENT;
  if (roof || body) return FOREGROUND;
  return BACKGROUND;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pad) {
  const samples = 4; // supersampling per axis, for smooth edges
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size, pad);
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
        }
      }
      for (let i = 0; i < 3; i++) row[1 + x * 3 + i] = Math.round(sum[i] / (samples * samples));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, 0));
writeFileSync(new URL('icon-512.png', out), png(512, 0));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, 0.1));
writeFileSync(new URL('apple-touch-icon.png', out), png(180, 0));
