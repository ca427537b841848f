#!/usr/bin/env node
// Draws the app icon (a white globe on a blue rounded square) as assets/icon.svg and rasterises
// the same shapes into assets/icon.png (512 x 512, RGBA) with Node alone: no image tool is
// installed where this was made. electron-builder derives the .ico and .icns from the PNG.
// Run: node assets/icon-render.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

const SIZE = 512;
const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];
const C = 256; // centre of the globe

// The shapes, in one place for both outputs.
const background = { x: 16, y: 16, size: 480, radius: 96 };
const ring = { outer: 156, inner: 134 }; // the globe's outline
const meridian = { outer: [70, 150], inner: [56, 136] }; // the ellipse of a meridian
const clip = 140; // the lines inside the globe stop at this radius
const bars = [
  { axis: 'x', at: C, half: 7 }, // central meridian
  { axis: 'y', at: C, half: 7 }, // equator
  { axis: 'y', at: C - 72, half: 6 }, // northern parallel
  { axis: 'y', at: C + 72, half: 6 }, // southern parallel
];

function inBackground(x, y) {
  const { x: x0, y: y0, size, radius } = background;
  const x1 = x0 + size;
  const y1 = y0 + size;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
  const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function inEllipse(x, y, rx, ry) {
  return ((x - C) / rx) ** 2 + ((y - C) / ry) ** 2 <= 1;
}

function inWhite(x, y) {
  const r2 = (x - C) ** 2 + (y - C) ** 2;
  if (r2 <= ring.outer ** 2 && r2 >= ring.inner ** 2) return true;
  if (inEllipse(x, y, ...meridian.outer) && !inEllipse(x, y, ...meridian.inner)) return true;
  if (r2 > clip ** 2) return false;
  return bars.some((bar) => Math.abs((bar.axis === 'x' ? x : y) - bar.at) <= bar.half);
}

function svg() {
  const ellipse = (rx, ry) => `M${C - rx} ${C}a${rx} ${ry} 0 1 0 ${2 * rx} 0a${rx} ${ry} 0 1 0 ${-2 * rx} 0Z`;
  const rects = bars
    .map((bar) =>
      bar.axis === 'x'
        ? `<rect x="${bar.at - bar.half}" y="${C - clip}" width="${2 * bar.half}" height="${2 * clip}"/>`
        : `<rect x="${C - clip}" y="${bar.at - bar.half}" width="${2 * clip}" height="${2 * bar.half}"/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Country Visits</title>
  <defs><clipPath id="globe"><circle cx="${C}" cy="${C}" r="${clip}"/></clipPath></defs>
  <rect x="${background.x}" y="${background.y}" width="${background.size}" height="${background.size}" rx="${background.radius}" fill="#${BLUE.map((v) => v.toString(16).padStart(2, '0')).join('')}"/>
  <g fill="#fff">
    <path fill-rule="evenodd" d="${ellipse(ring.outer, ring.outer)}${ellipse(ring.inner, ring.inner)}"/>
    <path fill-rule="evenodd" d="${ellipse(...meridian.outer)}${ellipse(...meridian.inner)}"/>
    <g clip-path="url(#globe)">${rects}</g>
  </g>
</svg>
`;
}

function png() {
  const SAMPLES = 4; // 4 x 4 samples per pixel smooth the edges
  const rowBytes = SIZE * 4 + 1;
  const raw = Buffer.alloc(rowBytes * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * rowBytes] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let covered = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          if (!inBackground(x, y)) continue;
          covered++;
          const colour = inWhite(x, y) ? WHITE : BLUE;
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
        }
      }
      const o = py * rowBytes + 1 + px * 4;
      if (covered > 0) for (let i = 0; i < 3; i++) raw[o + i] = Math.round(sum[i] / covered);
      raw[o + 3] = Math.round((covered / SAMPLES ** 2) * 255);
    }
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('./', import.meta.url);
writeFileSync(new URL('icon.svg', dir), svg());
writeFileSync(new URL('icon.png', dir), png());
console.log('Wrote assets/icon.svg and assets/icon.png');
