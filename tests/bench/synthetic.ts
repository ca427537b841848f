/**
 * A deterministic synthetic database for the benchmark: `requests` threads over the real States
 * and mandates, with about five documents each (500,000 for 100,000 threads), some visits.
 * Rows are written with prepared statements in one transaction (the app's own write path is
 * measured separately by the import benchmark); derived columns come from the same
 * refresh logic's pure function, so the data is what the app itself would hold.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentType } from '../../db/domain';
import { deriveMilestones, deriveStatus, describeDetail, orderDocuments } from '../../db/status';

/** Mulberry32: a small seeded PRNG, so every run builds the same database. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function fillSynthetic(sqlite: BetterSqlite3.Database, requests: number, today: string, seed = 42) {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const states = (sqlite.prepare(`SELECT code FROM states WHERE kind = 'member'`).all() as { code: string }[]).map((s) => s.code);
  const mandates = (sqlite.prepare('SELECT id FROM mandates').all() as { id: number }[]).map((m) => m.id);
  const now = new Date().toISOString();
  const insertRequest = sqlite.prepare(
    `INSERT INTO visit_requests (mandate_id, state_code, priority, notes, created_at, updated_at, status, status_text, opened_by, opened_on,
       last_document_on, last_document_type, reminder_count, last_reminder_on, decided_on, accepted_on, answered_on, substantive_on, visited_on)
       VALUES (?, ?, 'normal', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDocument = sqlite.prepare(
    `INSERT INTO documents (request_id, type, direction, date, reference, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)`,
  );
  const insertVisit = sqlite.prepare(`INSERT INTO visits (subject_state_code, start, "end", official, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`);
  const insertVisitMandate = sqlite.prepare('INSERT INTO visit_mandates (visit_id, mandate_id, request_id) VALUES (?, ?, ?)');
  const insertPlace = sqlite.prepare('INSERT INTO visit_places (visit_id, state_code) VALUES (?, ?)');
  let documents = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < requests; i++) {
      const year = 1995 + Math.floor(random() * 31);
      const date = (y: number) => {
        const r = random();
        return r < 0.15 ? String(y) : r < 0.3 ? `${y}-${pad(1 + Math.floor(random() * 12))}` : `${y}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
      };
      const opening: DocumentType = random() < 0.1 ? 'invitation' : 'request';
      const docs: { id: number; type: DocumentType; date: string | null }[] = [{ id: 1, type: opening, date: date(year) }];
      const extra = 2 + Math.floor(random() * 5); // 2..6 more: about 5 documents a thread
      let y = year;
      for (let k = 0; k < extra; k++) {
        y = Math.min(2025, y + Math.floor(random() * 2));
        const r = random();
        const type: DocumentType =
          opening === 'request' && r < 0.45 ? 'reminder' : r < 0.65 ? 'acknowledgement' : r < 0.8 ? 'acceptance' : r < 0.87 ? 'dates_proposal' : r < 0.92 ? 'postponement' : r < 0.96 ? 'declination' : 'cancellation';
        docs.push({ id: k + 2, type, date: random() < 0.05 ? null : date(y) });
      }
      const visit = random() < 0.15 ? { start: `${Math.min(2025, y + 1)}-${pad(1 + Math.floor(random() * 12))}-10`, end: null } : null;
      const derived = deriveStatus(docs, visit ? [visit] : [], today);
      const ordered = orderDocuments(docs);
      const dated = ordered.filter((d) => d.date);
      const last = dated.length ? dated.reduce((a, b) => (b.date! >= a.date! ? b : a)) : ordered.at(-1)!;
      const direction = (type: DocumentType) => (type === 'reminder' || type === 'request' ? 'to_state' : 'from_state');
      const milestones = deriveMilestones(docs.map((d) => ({ ...d, direction: direction(d.type) })), visit ? [visit] : [], opening);
      const mandate = pick(mandates);
      const state = pick(states);
      const requestId = Number(
        insertRequest.run(
          mandate,
          state,
          now,
          now,
          derived.status,
          describeDetail(derived.detail),
          opening,
          docs[0]!.date,
          last.date,
          last.type,
          derived.detail.reminders,
          derived.detail.lastReminderOn,
          milestones.decidedOn,
          milestones.acceptedOn,
          milestones.answeredOn,
          milestones.substantiveOn,
          milestones.visitedOn,
        ).lastInsertRowid,
      );
      for (const d of docs) {
        insertDocument.run(requestId, d.type, direction(d.type), d.date, `REF/${i}/${d.id}`, now, now);
        documents++;
      }
      if (visit) {
        const visitId = Number(insertVisit.run(state, visit.start, visit.end, now, now).lastInsertRowid);
        insertVisitMandate.run(visitId, mandate, requestId);
        insertPlace.run(visitId, state);
      }
    }
  })();
  return { requests, documents };
}
