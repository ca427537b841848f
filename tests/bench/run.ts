/**
 * npm run bench: speed and memory of the data core on a synthetic database of 100,000 visit
 * requests and about 500,000 documents (tests/bench/synthetic.ts), through the real handler table.
 * Prints medians against the targets of this machine (2 cores); it is not a test and never
 * fails the build, but says MISSED beside a target it misses.
 * Options: --requests N (default 100000), --keep (leave the database file for a look).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi, type Api } from '../../db/api';
import { openDatabase } from '../../db/connection';
import { fillSynthetic, prng } from './synthetic';
import { benchImportOnce, writeBenchFile } from './importBench';
import { benchIndicators } from './indicatorsBench';
import { benchLetters } from './lettersBench';

const args = process.argv.slice(2);
const TODAY = '2026-11-29';

// --build FILE N: only fill FILE with the synthetic database of N requests (the fixture), in a
// process of its own, so that the peak memory below is the app's, not the fixture builder's
if (args[0] === '--build') {
  const handle = await openDatabase(args[1]!);
  const filled = fillSynthetic(handle.sqlite, Number(args[2]), TODAY);
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await handle.close();
  console.log(JSON.stringify({ ...filled, peakMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
// --letters DIR: only the letters part, in a process of its own: it drives Chromium through
// playwright, whose memory is the benchmark's tooling, not the app's (the app prints in Electron)
if (args[0] === '--letters') {
  const result = await benchLetters(args[1]!);
  console.log(JSON.stringify({ result, peakMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
// --import-file DIR: only write the import part's file; --import DIR: one run of the import part
// of that file; each in a process of its own (see importBench.ts)
if (args[0] === '--import-file') {
  await writeBenchFile(args[1]!, 100_000);
  process.exit(0);
}
if (args[0] === '--import') {
  const run = await benchImportOnce(args[1]!, TODAY);
  console.log(JSON.stringify({ ...run, peakMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
const requests = Number(args[args.indexOf('--requests') + 1] ?? 0) || 100_000;
const keep = args.includes('--keep');

const results: { what: string; value: string; target?: string; met?: boolean }[] = [];
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
async function time(fn: () => Promise<unknown>, runs: number) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}
async function ok(api: Api, channel: keyof Api, argument: unknown) {
  const r = await api[channel](argument);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data;
}

const dir = mkdtempSync(join(tmpdir(), 'cv-bench-'));
let fixturePeakMb = 0;
/** Max RSS (MB) so far after each part: which part sets the peak. */
const peaks: [string, number][] = [];
const peakAfter = (part: string) => peaks.push([part, process.resourceUsage().maxRSS / 1024]);
try {
  // 1. open + migrate + reference data, on a new file each time
  let n = 0;
  const openMs = await time(async () => {
    const h = await openDatabase(join(dir, `open-${n++}.sqlite`));
    await h.close();
  }, 5);
  results.push({ what: 'open a new database: migrate + reference data (median of 5)', value: `${openMs.toFixed(1)} ms` });

  // 2. the synthetic database
  const file = join(dir, 'bench.sqlite');
  let t = performance.now();
  const build = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--build', file, String(requests)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (build.status !== 0) throw new Error('building the synthetic database failed');
  const filled = JSON.parse(build.stdout.trim().split('\n').at(-1)!) as { requests: number; documents: number; peakMb: number };
  results.push({ what: `build ${filled.requests} requests, ${filled.documents} documents (a process of its own)`, value: `${((performance.now() - t) / 1000).toFixed(1)} s` });
  fixturePeakMb = filled.peakMb;

  t = performance.now();
  const reopened = await openDatabase(file);
  results.push({ what: 'open the full database (migrations checked, reference data checked)', value: `${(performance.now() - t).toFixed(1)} ms` });
  peakAfter('opening the full database');
  const api = createApi(reopened.db, { today: () => TODAY });

  // 3. list pages of 100, filtered and sorted, median of 20 runs each
  const mandates = (await ok(api, 'mandates:list', {})) as { id: number }[];
  const listCases: [string, unknown][] = [
    ['all, by State', { sort: { column: 'state', direction: 'asc' }, limit: 100 }],
    ['pending, by requested on desc', { filter: { statuses: ['pending'] }, sort: { column: 'openedOn', direction: 'desc' }, limit: 100 }],
    ['3 mandates, pending+accepted, by State', { filter: { mandateIds: mandates.slice(0, 3).map((m) => m.id), statuses: ['pending', 'accepted'] }, sort: { column: 'state', direction: 'asc' }, limit: 100 }],
    ['African group, 2010-2019, by reminders', { filter: { regionalGroups: ['African'], yearFrom: 2010, yearTo: 2019 }, sort: { column: 'reminders', direction: 'desc' }, limit: 100 }],
    ['search "cote", by last document', { filter: { search: 'cote' }, sort: { column: 'lastDocumentOn', direction: 'desc' }, limit: 100 }],
    ['all, by mandate, page 500', { sort: { column: 'mandate', direction: 'asc' }, offset: 50_000, limit: 100 }],
  ];
  let worstList = 0;
  for (const [label, argument] of listCases) {
    await ok(api, 'requests:list', argument);
    const ms = await time(() => ok(api, 'requests:list', argument), 20);
    worstList = Math.max(worstList, ms);
    results.push({ what: `list page of 100: ${label}`, value: `${ms.toFixed(2)} ms`, target: '< 10 ms', met: ms < 10 });
  }

  // 4. one thread with its documents, visits and derived status
  const random = prng(7);
  const ids = Array.from({ length: 200 }, () => 1 + Math.floor(random() * requests));
  let k = 0;
  const threadMs = await time(() => ok(api, 'requests:get', { id: ids[k++ % ids.length] }), 200);
  results.push({ what: 'one thread with its status (median of 200)', value: `${threadMs.toFixed(2)} ms`, target: '< 2 ms', met: threadMs < 2 });
  peakAfter('list pages and threads');
  // cooperation indicators: every figure of the last whole year, and the hand-written SQL floor
  results.push(...(await benchIndicators(reopened, api, 2025, TODAY)));
  await reopened.close();
  peakAfter('indicators');

  // 5. import of 100,000 rows through the real import: three runs, each in a process of its own
  const runs: { seconds?: number; failed?: string; peakMb: number }[] = [];
  if (spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--import-file', dir], { stdio: 'inherit' }).status !== 0) throw new Error('writing the import part’s file failed');
  for (let run = 0; run < 3; run++) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--import', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error('the import part failed');
    runs.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!));
  }
  const failed = runs.find((r) => r.failed);
  const seconds = runs.map((r) => r.seconds ?? Infinity);
  const importSeconds = median(seconds);
  results.push({
    what: `import 100000 rows, one transaction (median of 3 processes: ${seconds.map((x) => x.toFixed(1)).join(', ')} s)`,
    value: failed ? `failed: ${failed.failed}` : `${importSeconds.toFixed(1)} s`,
    target: '< 10 s',
    met: !failed && importSeconds < 10,
  });
  const importPeakMb = Math.max(...runs.map((r) => r.peakMb));
  peaks.push(['the import (the highest of its 3 processes)', importPeakMb]);

  results.push({ what: 'database file size', value: `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB` });
  const peakMb = Math.max(process.resourceUsage().maxRSS / 1024, importPeakMb);
  results.push({ what: 'peak memory of the app’s work above (max RSS: open, list, thread, indicators; import)', value: `${peakMb.toFixed(0)} MB`, target: '< 300 MB', met: peakMb < 300 });
  for (const [part, mb] of peaks) results.push({ what: part.startsWith('the import') ? `  max RSS of ${part}` : `  max RSS so far, after ${part}`, value: `${mb.toFixed(0)} MB` });
  results.push({ what: '  peak memory of the fixture builder (not the app)', value: `${fixturePeakMb.toFixed(0)} MB` });

  // 6. the yearly review's letters: 200 reminders printed to one A4 PDF in Chromium, in a process of its own
  const letters = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--letters', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (letters.status !== 0) throw new Error('the letters part failed');
  const printed = JSON.parse(letters.stdout.trim().split('\n').at(-1)!) as { result: (typeof results)[number]; peakMb: number };
  results.push(printed.result);
  results.push({ what: '  peak memory of the letters part (app work and the playwright driver; a process of its own)', value: `${printed.peakMb.toFixed(0)} MB` });
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

const width = Math.max(...results.map((r) => r.what.length));
console.log(`\nCountry Visits benchmark (${requests} requests; Node ${process.version})\n`);
for (const r of results) {
  const verdict = r.target ? `${r.target.padEnd(9)} ${r.met ? 'met' : 'MISSED'}` : '';
  console.log(`${r.what.padEnd(width)}  ${r.value.padStart(10)}  ${verdict}`);
}
