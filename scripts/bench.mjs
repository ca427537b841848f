#!/usr/bin/env node
// npm run bench: bundles tests/bench/run.ts with esbuild, as the app's main process is bundled
// (scripts/build-electron.mjs), and runs it with Node. Measuring the bundle, not the code compiled
// on the fly by tsx, keeps the transpiler's own memory (~100 MB) out of the peak-memory figure.
// The bundle lives one folder below the root, so that the paths the code finds its assets by
// ('../assets/...' from the module) are the same as from db/.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist-bench', 'run.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['tests/bench/run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'playwright-core'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
});
// Run without --enable-source-maps, as the app runs: the decoded maps would add ~15 MB to every
// peak. To read a failure's stack in the sources: node --enable-source-maps dist-bench/run.mjs
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
