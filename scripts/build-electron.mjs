#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild into dist/electron/.
// - main.js: ESM (package.json has "type": "module"; Electron >= 28 loads an ESM main). Every
//   dependency is bundled except 'electron' and better-sqlite3, whose native addon must be loaded
//   from node_modules (unpacked from the asar by electron-builder).
// - preload.cjs: one CommonJS file, because a sandboxed preload cannot load ESM nor require any
//   module but 'electron'. The build fails if anything beyond electron/*.ts got into it (zod or the
//   database code would mean a wrong import).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --outdir=<folder> builds elsewhere (tests build into a temporary folder, never over dist/).
const outdirArg = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length);
const outdir = outdirArg ? path.resolve(outdirArg) : path.join(root, 'dist', 'electron');
rmSync(outdir, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: path.join(outdir, 'main.js'),
  platform: 'node',
  format: 'esm',
  // Electron 45 runs Node 22.
  target: 'node22',
  external: ['electron', 'better-sqlite3'],
  // The bundled CommonJS packages (exceljs, papaparse...) call require() for Node built-ins; an
  // ES module has no require, so give the bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});

const preload = await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: path.join(outdir, 'preload.cjs'),
  platform: 'browser',
  format: 'cjs',
  // Electron 45 ships Chromium 142.
  target: 'chrome130',
  external: ['electron'],
});

const foreign = Object.keys(preload.metafile.inputs).filter((input) => !input.startsWith('electron/'));
if (foreign.length > 0) {
  console.error(`The preload must bundle only electron/*.ts, but it includes:\n  ${foreign.join('\n  ')}`);
  process.exit(1);
}
console.log(`Built ${path.relative(root, outdir) || '.'}/main.js and preload.cjs`);
