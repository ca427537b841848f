/** The import part of the benchmark: 100,000 one-row-per-request CSV rows through import:commit. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi } from '../../db/api';
import { openDatabase } from '../../db/connection';
import { prng } from './synthetic';

/** Where {@link writeBenchFile} puts the file in the bench's folder. */
const fileIn = (dir: string) => join(dir, 'bench-import.csv');

/**
 * Writes the bench's CSV file of `rows` rows into `dir`, in a process of its own (run.ts), so that
 * building it (a database opened for the names, the lines encoded) is not counted in the import's
 * peak memory: the app is handed the bytes only.
 */
export async function writeBenchFile(dir: string, rows: number): Promise<void> {
  writeFileSync(fileIn(dir), await benchFile(dir, rows));
}

/**
 * One import of the file {@link writeBenchFile} wrote into a new database. run.ts runs it three
 * times, each in a process of its own (one run on this machine varies by a fifth; a process per
 * run keeps one run's heap from the next one's peak). The process holds the file's bytes, as the
 * app's main process does once the renderer hands them over.
 * @returns the seconds import:commit took, or why it failed.
 * @throws when the import refuses a row: a bench that times refusals would measure something else.
 */
export async function benchImportOnce(dir: string, today: string): Promise<{ seconds: number } | { failed: string }> {
  const bytes = readFileSync(fileIn(dir));
  const file = join(dir, `import-${process.pid}.sqlite`);
  const handle = await openDatabase(file);
  try {
    const api = createApi(handle.db, { today: () => today });
    const t = performance.now();
    const result = await api['import:commit']({ fileName: 'bench.csv', bytes, skipInvalidRows: true });
    const seconds = (performance.now() - t) / 1000;
    if (!result.ok) return { failed: result.error.message.slice(0, 80) };
    if (result.data.totals.invalid > 0) {
      const first = result.data.errors[0]!;
      throw new Error(`the bench's import refused ${result.data.totals.invalid} rows, e.g. row ${first.row}: ${first.reason}`);
    }
    return { seconds };
  } finally {
    await handle.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

/** The bench's CSV file as the app is handed it: rows going round the mandate x State pairs of a new database's reference data. */
async function benchFile(dir: string, rows: number): Promise<Uint8Array> {
  const handle = await openDatabase(join(dir, `import-file-${process.pid}.sqlite`));
  try {
    const states = (await handle.db.selectFrom('states').select('name_en').where('kind', '=', 'member').execute()).map((s) => s.name_en);
    const mandates = (await handle.db.selectFrom('mandates').select('title').execute()).map((m) => m.title);
    const random = prng(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    // the file's bytes only, encoded a thousand lines at a time: the bench holds what the app would be handed
    const encoder = new TextEncoder();
    const chunks: Uint8Array[] = [];
    let lines = ['state,mandate,status,requested_on,reminders,accepted_on,visit_start,visit_end,notes'];
    const encode = () => {
      chunks.push(encoder.encode(lines.join('\n') + '\n'));
      lines = [];
    };
    // rows go round the mandate x State pairs, so that the k-th row of a pair is its k-th request, of
    // year 1995 + k; only a pair's last request may be pending (one pending request per pair), the
    // earlier ones were answered. Every row is then its own, valid thread (a re-import adds nothing).
    const pairs = states.flatMap((state) => mandates.map((mandate) => [quote(state), quote(mandate)] as const));
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    for (let i = 0; i < rows; i++) {
      const [state, mandate] = pairs[i % pairs.length]!;
      const k = Math.floor(i / pairs.length);
      const last = i + pairs.length >= rows;
      const year = 1995 + k;
      const status = last ? pick(['requested', 'reminder', 'accepted', 'completed', 'declined'] as const) : pick(['accepted', 'completed', 'declined'] as const);
      const day = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      lines.push(
        [state, mandate, status, day, status === 'reminder' ? '1' : '', status === 'accepted' ? `${year + 1}` : '', status === 'completed' ? `${year + 2}` : '', '', `row ${i}`].join(','),
      );
      if (lines.length >= 1000) encode();
    }
    encode();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    chunks.length = 0;
    return bytes;
  } finally {
    await handle.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(handle.file + suffix, { force: true });
  }
}
