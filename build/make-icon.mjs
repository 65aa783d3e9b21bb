// Draws the app icon (build/icons/icon.png, 512×512) from an SVG with sharp. Shapes only, no text, so the
// result does not depend on the fonts of the machine that draws it. The PNG is committed; run this again
// only to change the design: `node build/make-icon.mjs`.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const out = join(dirname(fileURLToPath(import.meta.url)), 'icons', 'icon.png');

// A ledger page on a red tile: three checklist rows, two closed off (销号) with a tick, one open.
const row = (y, done) => `
  <rect x="150" y="${y}" width="44" height="44" rx="8" fill="none" stroke="#c62828" stroke-width="10"/>
  ${done ? `<path d="M158 ${y + 22} l12 13 l22 -26" fill="none" stroke="#c62828" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/>` : ''}
  <rect x="218" y="${y + 14}" width="${done ? 150 : 120}" height="16" rx="8" fill="${done ? '#9e9e9e' : '#37474f'}"/>`;

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect x="16" y="16" width="480" height="480" rx="96" fill="#c62828"/>
  <rect x="112" y="84" width="288" height="352" rx="24" fill="#fffaf0"/>
  <rect x="112" y="84" width="288" height="40" rx="20" fill="#ffd54f"/>
  <rect x="112" y="104" width="288" height="20" fill="#ffd54f"/>
  ${row(164, true)}
  ${row(250, true)}
  ${row(336, false)}
</svg>`;

mkdirSync(dirname(out), { recursive: true });
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(out);
const meta = await sharp(out).metadata();
console.log(`${out}: ${meta.width}×${meta.height}`);
