/** The import part of the benchmark: 100,000 one-row-per-request CSV rows through import:commit. */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi } from '../../db/api';
import { openDatabase } from '../../db/connection';
import { prng } from './synthetic';

export async function benchImport(dir: string, rows: number, today: string) {
  const handle = await openDatabase(join(dir, 'import.sqlite'));
  try {
    const api = createApi(handle.db, { today: () => today });
    const states = (await handle.db.selectFrom('states').select('name_en').where('kind', '=', 'member').execute()).map((s) => s.name_en);
    const mandates = (await handle.db.selectFrom('mandates').select('title').execute()).map((m) => m.title);
    const random = prng(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = ['state,mandate,status,requested_on,reminders,accepted_on,visit_start,visit_end,notes'];
    for (let i = 0; i < rows; i++) {
      const year = 1995 + (i % 30);
      const status = pick(['requested', 'requested', 'reminder', 'accepted', 'completed'] as const);
      // a distinct day per row keeps every row its own thread (a re-import would add nothing)
      const day = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      lines.push(
        [quote(pick(states)), quote(pick(mandates)), status, day, status === 'reminder' ? '1' : '', status === 'accepted' ? `${year + 1}` : '', status === 'completed' ? `${Math.min(2025, year + 2)}` : '', '', `row ${i}`].join(','),
      );
    }
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const t = performance.now();
    const result = await api['import:commit']({ fileName: 'bench.csv', bytes, skipInvalidRows: true });
    const seconds = (performance.now() - t) / 1000;
    if (!result.ok) return { result: { what: `import ${rows} rows`, value: `failed: ${result.error.message.slice(0, 80)}`, target: '< 10 s', met: false } };
    return { result: { what: `import ${rows} rows (one transaction)`, value: `${seconds.toFixed(1)} s`, target: '< 10 s', met: seconds < 10 } };
  } finally {
    await handle.close();
  }
}
