import { describe, expect, test } from 'vitest';
import { refreshThreadsWithUndatedDocuments } from '../../db/requests';
import { recordVisitOnNewThread } from '../../db/visits';
import { call, fail, freshApi } from '../support/db';

/** A mandate with two successive holders, as a predecessor's request and a successor's reminder need. */
async function setup() {
  const ctx = await freshApi('2026-11-29');
  const { api, db } = ctx;
  const food = await db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
  const first = await call(api, 'holders:create', { mandateId: food.id, name: 'Hilal Elver', termStart: '2014-06', termEnd: '2020-04' });
  const second = await call(api, 'holders:create', { mandateId: food.id, name: 'Michael Fakhri', termStart: '2020-05' });
  return { ...ctx, mandateId: food.id, firstHolder: first.id, secondHolder: second.id };
}

describe('recording a visit request thread', () => {
  test('request, acknowledgement, a successor’s reminder, acceptance, visit: each status as the rules say', async () => {
    const { api, mandateId, firstHolder, secondHolder } = await setup();
    const { id } = await call(api, 'requests:create', {
      mandateId,
      stateCode: 'CIV',
      opening: { type: 'request', date: '2019-03-04', form: 'letter', signedByHolderId: firstHolder, reference: 'SRfood/2019/7' },
    });
    const status = async () => {
      const t = await call(api, 'requests:get', { id });
      return `${t.status}${t.statusText ? ` — ${t.statusText}` : ''}`;
    };
    expect(await status()).toBe('pending');
    await call(api, 'documents:record', { requestId: id, document: { type: 'acknowledgement', date: '2019-04' } });
    expect(await status()).toBe('pending — acknowledged');
    await call(api, 'documents:record', { requestId: id, document: { type: 'reminder', date: '2021-02-10', signedByHolderId: secondHolder } });
    expect(await status()).toBe('pending — acknowledged, reminded once');
    await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance', date: '2022' } });
    expect(await status()).toBe('accepted — acknowledged, reminded once');
    await call(api, 'visits:record', { mandateIds: [mandateId], subjectStateCode: 'CIV', start: '2023-05-02', end: '2023-05-12', reportSymbol: 'A/HRC/55/44/Add.1' });
    expect(await status()).toBe('completed — acknowledged, reminded once');

    const thread = await call(api, 'requests:get', { id });
    expect(thread.documents.map((d) => [d.type, d.direction, d.date, d.signed_by])).toEqual([
      ['request', 'to_state', '2019-03-04', 'Hilal Elver'],
      ['acknowledgement', 'from_state', '2019-04', null],
      ['reminder', 'to_state', '2021-02-10', 'Michael Fakhri'],
      ['acceptance', 'from_state', '2022', null],
    ]);
    expect(thread.visits).toHaveLength(1);
    expect(thread.visits[0]!.places.map((p) => p.code)).toEqual(['CIV']);
    // requested 2019-03-04, today 2026-11-29: 7 whole years
    expect(thread.ageYears).toBe(7);

    const list = await call(api, 'requests:list', { filter: { stateCodes: ['CIV'] } });
    expect(list.rows[0]).toMatchObject({ status: 'completed', openedOn: '2019-03-04', openedByHolder: 'Hilal Elver', reminderCount: 1, lastReminderOn: '2021-02-10', lastDocumentOn: '2022', lastDocumentType: 'acceptance' });
  });

  test('an invitation after the mandate’s request is filed as its acceptance, and says so', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    const filed = await call(api, 'documents:record', { requestId: id, document: { type: 'invitation', date: '2020-02' } });
    expect(filed.filedAs).toBe('acceptance');
    expect(filed.note).toBe('An invitation after a request of the same mandate is filed as the acceptance of that request.');
    const thread = await call(api, 'requests:get', { id });
    expect(thread.status).toBe('accepted');
    expect(thread.documents.map((d) => [d.type, d.direction])).toEqual([
      ['request', 'to_state'],
      ['acceptance', 'from_state'],
    ]);
  });

  test('an invitation after a refused or visited request is no acceptance: it opens a thread of its own', async () => {
    const { api, db, mandateId } = await setup();
    const refused = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2015' } });
    await call(api, 'documents:record', { requestId: refused.id, document: { type: 'declination', date: '2016' } });
    const documentsBefore = await db.selectFrom('documents').select('id').execute();
    const error = await fail(api, 'documents:record', { requestId: refused.id, document: { type: 'invitation', date: '2021-06' } });
    expect(error.message).toBe(
      'The request of this thread was refused (declined or cancelled): an invitation from the State now opens a new thread. Record it as a new invitation.',
    );
    expect(await db.selectFrom('documents').select('id').execute()).toEqual(documentsBefore);
    expect((await call(api, 'requests:get', { id: refused.id })).status).toBe('refused');
    const invited = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'invitation', date: '2021-06' } });
    expect((await call(api, 'requests:get', { id: invited.id })).status).toBe('invitation');

    const visited = await call(api, 'requests:create', { mandateId, stateCode: 'CHL', opening: { type: 'request', date: '2015' } });
    await call(api, 'visits:record', { mandateIds: [mandateId], subjectStateCode: 'CHL', start: '2017-05-02', end: '2017-05-12', requestId: visited.id });
    expect((await fail(api, 'documents:record', { requestId: visited.id, document: { type: 'invitation', date: '2021' } })).message).toMatch(/^The visit of this thread took place: an invitation/);
    // a correction cannot turn a later document into such an invitation either
    const reminder = await call(api, 'documents:record', { requestId: refused.id, document: { type: 'acknowledgement', date: '2016-02' } });
    expect((await fail(api, 'documents:correct', { id: reminder.id, document: { type: 'invitation', date: '2016-02' } })).message).toMatch(/^The request of this thread was refused/);
  });

  test('an acceptance that proposes dates is filed as a dates proposal', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    const filed = await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance', date: '2020-02', proposedStart: '2020-10-05', proposedEnd: '2020-10-16' } });
    expect(filed.filedAs).toBe('dates_proposal');
    const thread = await call(api, 'requests:get', { id });
    expect(thread.detail).toMatchObject({ datesProposed: true, proposedStart: '2020-10-05', proposedEnd: '2020-10-16' });
  });

  test('on an invitation thread the holder’s acceptance goes to the State', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'NOR', opening: { type: 'invitation', date: '2024-01-15' } });
    expect((await call(api, 'requests:get', { id })).status).toBe('invitation');
    await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance', date: '2024-02' } });
    const thread = await call(api, 'requests:get', { id });
    expect(thread.status).toBe('accepted');
    expect(thread.documents[1]).toMatchObject({ type: 'acceptance', direction: 'to_state' });
  });

  test('documents that cannot stand are refused with a clear reason, and nothing is written', async () => {
    const { api, db, mandateId, firstHolder, secondHolder } = await setup();
    const invited = await call(api, 'requests:create', { mandateId, stateCode: 'NOR', opening: { type: 'invitation', date: '2024-01-15' } });
    const requested = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018-06-01' } });
    const countDocs = async () => (await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await countDocs();

    expect(await fail(api, 'documents:record', { requestId: invited.id, document: { type: 'reminder', date: '2024-06' } })).toEqual({
      code: 'rule',
      message: 'A reminder follows up a request, and this thread has no request. Record the request first, or open a new request.',
    });
    expect((await fail(api, 'documents:record', { requestId: requested.id, document: { type: 'acknowledgement', date: '2018-05-31' } })).message).toBe(
      "The date 2018-05-31 is before the thread's request of 2018-06-01.",
    );
    expect((await fail(api, 'documents:record', { requestId: requested.id, document: { type: 'request', date: '2019' } })).message).toBe(
      'This thread was already opened by a request (2018-06-01). A follow-up is a reminder; a new request after a refusal or a visit opens a new thread.',
    );
    expect((await fail(api, 'documents:record', { requestId: requested.id, document: { type: 'acknowledgement', date: '2027-01' } })).message).toBe(
      'The date 2027-01 is in the future; record a document once it is sent or received.',
    );
    expect(await fail(api, 'documents:record', { requestId: requested.id, document: { type: 'reminder', date: '2019-02-30' } })).toEqual({
      code: 'invalid_argument',
      message: 'document.date: write a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)',
    });
    expect(await fail(api, 'documents:record', { requestId: 999, document: { type: 'reminder' } })).toEqual({ code: 'not_found', message: 'Visit request 999 does not exist' });
    expect((await fail(api, 'requests:create', { mandateId, stateCode: 'XYZ', opening: { type: 'request' } })).message).toBe('State XYZ does not exist');
    expect((await fail(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'reminder' } })).message).toBe(
      'opening.type: a visit request is opened by a request or by an invitation',
    );
    const other = await db.selectFrom('mandates').select('id').where('id', '!=', mandateId).executeTakeFirstOrThrow();
    expect((await fail(api, 'requests:create', { mandateId: other.id, stateCode: 'PER', opening: { type: 'request', signedByHolderId: firstHolder } })).message).toBe(
      "Hilal Elver does not hold this thread's mandate.",
    );
    // a holder signs nothing before taking up the mandate (Michael Fakhri: from 2020-05)
    expect((await fail(api, 'documents:record', { requestId: requested.id, document: { type: 'reminder', date: '2016', signedByHolderId: secondHolder } })).message).toBe(
      'Michael Fakhri took up the mandate in 2020-05: they did not sign a document in 2016. Choose the holder then in office, or correct the term under Mandates.',
    );
    expect(await countDocs()).toBe(before);
    // "2020" may be May 2020 or later: not refused
    await call(api, 'documents:record', { requestId: requested.id, document: { type: 'reminder', date: '2020', signedByHolderId: secondHolder } });
  });

  test('malformed arguments get a clear error, never a crash', async () => {
    const { api } = await setup();
    expect(await fail(api, 'requests:get', { id: 'one' })).toEqual({ code: 'invalid_argument', message: 'id: Invalid input: expected number, received string' });
    expect((await fail(api, 'requests:get', null)).code).toBe('invalid_argument');
    expect((await fail(api, 'requests:list', { filter: { yearFrom: 2020, yearTo: 2010 } })).message).toBe('filter: the first year of the range comes after the last');
    expect((await fail(api, 'requests:create', { mandateId: 1, stateCode: 'civ', opening: { type: 'request' } })).message).toBe(
      'stateCode: a State code is three capital letters (ISO 3166 alpha-3)',
    );
    // a control character (a NUL would cut the text short in SQLite) is refused as such, not as a failure inside
    expect(await fail(api, 'holders:create', { mandateId: 1, name: '\u0000' })).toEqual({ code: 'invalid_argument', message: 'name: contains a control character: remove it' });
    expect((await fail(api, 'documents:record', { requestId: 1, document: { type: 'request', notes: 'a\u0007b' } })).message).toBe('document.notes: contains a control character: remove it');
    // line ends and tabs are text
    const { id } = await call(api, 'requests:create', { mandateId: 1, stateCode: 'PER', opening: { type: 'request', notes: 'line one\r\n\tline two' } });
    expect((await call(api, 'requests:get', { id })).documents[0]!.notes).toBe('line one\r\n\tline two');
    expect(await fail(api, 'indicators:requests', { year: 2020, mandateId: 999999, list: 'pending' })).toMatchObject({ code: 'not_found' });
    // a misspelt field is refused, not dropped (the change it meant would be lost without a word)
    expect(await fail(api, 'requests:update', { id, prioirty: 'high' })).toEqual({ code: 'invalid_argument', message: 'Unrecognized key: "prioirty"' });
    expect((await fail(api, 'documents:record', { requestId: id, document: { type: 'reminder', note: 'x' } })).message).toBe('document: Unrecognized key: "note"');
  });

  test('messages name a document with its article', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request' } });
    const ack = await call(api, 'documents:record', { requestId: id, document: { type: 'acknowledgement', date: '2019-03' } });
    const request = (await call(api, 'requests:get', { id })).documents[0]!;
    expect((await fail(api, 'documents:correct', { id: request.id, document: { type: 'request', date: '2020' } })).message).toBe('The thread has an acknowledgement of 2019-03, before 2020.');
    expect(ack.filedAs).toBe('acknowledgement');
    expect((await fail(api, 'requests:create', { mandateId, stateCode: 'CHL', opening: { type: 'invitation', direction: 'to_state' } })).message).toBe('An invitation goes from the State to the mandate holder.');
  });

  test('a correction keeps the earlier version; a deletion keeps the last one', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    const ack = await call(api, 'documents:record', { requestId: id, document: { type: 'acknowledgement', date: '2018-03', reference: 'NV 12' } });
    await call(api, 'documents:correct', { id: ack.id, document: { type: 'acknowledgement', date: '2018-04-02', reference: 'NV 12/2018' } });
    const history = await call(api, 'documents:history', { id: ack.id });
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(history[1]!.before).toMatchObject({ date: '2018-03', reference: 'NV 12', version: 1 });
    expect(history[1]!.after).toMatchObject({ date: '2018-04-02', reference: 'NV 12/2018', version: 2 });
    await call(api, 'documents:delete', { id: ack.id });
    const afterDelete = await call(api, 'documents:history', { id: ack.id });
    expect(afterDelete.map((h) => h.action)).toEqual(['create', 'update', 'delete']);
    expect(afterDelete[2]!.before).toMatchObject({ date: '2018-04-02', reference: 'NV 12/2018' });
    expect((await call(api, 'requests:get', { id })).documents).toHaveLength(1);
  });

  test('a correction that would break the thread is refused', async () => {
    const { api, mandateId } = await setup();
    const { id, documentId } = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'reminder', date: '2019-05' } });
    expect((await fail(api, 'documents:correct', { id: documentId, document: { type: 'request', date: '2020' } })).message).toBe('The thread has a reminder of 2019-05, before 2020.');
    expect((await fail(api, 'documents:correct', { id: documentId, document: { type: 'invitation', date: '2018' } })).message).toBe(
      'The thread has reminders, which follow up a request: the opening document stays a request.',
    );
    expect((await fail(api, 'documents:delete', { id: documentId })).message).toBe(
      'This is the opening document of the thread: delete the later documents and visits first, or correct it instead.',
    );
  });

  test('the change log is append-only', async () => {
    const { db, sqlite, api, mandateId } = await setup();
    await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    expect(() => sqlite.prepare('DELETE FROM change_log').run()).toThrow('the change log is append-only');
    expect(() => sqlite.prepare("UPDATE change_log SET source = 'x'").run()).toThrow('the change log is append-only');
    const entries = await db.selectFrom('change_log').select(['entity', 'action', 'source']).where('source', '=', 'user').orderBy('id').execute();
    expect(entries).toEqual([
      { entity: 'holder', action: 'create', source: 'user' },
      { entity: 'holder', action: 'create', source: 'user' },
      { entity: 'request', action: 'create', source: 'user' },
      { entity: 'document', action: 'create', source: 'user' },
    ]);
  });
});

describe('the requests list', () => {
  async function listFixture() {
    const ctx = await setup();
    const { api, mandateId, firstHolder, secondHolder } = ctx;
    const torture = await ctx.db.selectFrom('mandates').select('id').where('title', 'like', 'Special Rapporteur on torture%').executeTakeFirstOrThrow();
    const mk = async (m: number, state: string, date: string | null, holder?: number) =>
      (await call(api, 'requests:create', { mandateId: m, stateCode: state, opening: { type: 'request', date, signedByHolderId: holder } })).id;
    const civ = await mk(mandateId, 'CIV', '2019-03', firstHolder);
    const hrv = await mk(mandateId, 'HRV', '2021', secondHolder);
    const tur = await mk(torture.id, 'TUR', '2016-07-01');
    const tkm = await mk(torture.id, 'TKM', null);
    await call(api, 'documents:record', { requestId: hrv, document: { type: 'declination', date: '2022' } });
    await call(api, 'documents:record', { requestId: tur, document: { type: 'reminder', date: '2018' } });
    await call(api, 'documents:record', { requestId: tur, document: { type: 'reminder', date: '2019' } });
    return { ...ctx, torture: torture.id, ids: { civ, hrv, tur, tkm } };
  }

  test('sorts State names as people expect: Côte d’Ivoire before Croatia, Türkiye before Turkmenistan', async () => {
    const { api } = await listFixture();
    const { rows, total } = await call(api, 'requests:list', { sort: { column: 'state', direction: 'asc' } });
    expect(total).toBe(4);
    expect(rows.map((r) => r.stateName)).toEqual(["Côte d'Ivoire", 'Croatia', 'Türkiye', 'Turkmenistan']);
  });

  test('sorts by requested on with undated last, both ways', async () => {
    const { api } = await listFixture();
    const asc = await call(api, 'requests:list', { sort: { column: 'openedOn', direction: 'asc' } });
    expect(asc.rows.map((r) => r.openedOn)).toEqual(['2016-07-01', '2019-03', '2021', null]);
    const desc = await call(api, 'requests:list', { sort: { column: 'openedOn', direction: 'desc' } });
    expect(desc.rows.map((r) => r.openedOn)).toEqual(['2021', '2019-03', '2016-07-01', null]);
    const reminders = await call(api, 'requests:list', { sort: { column: 'reminders', direction: 'desc' } });
    expect(reminders.rows.map((r) => [r.stateCode, r.reminderCount])).toEqual([
      ['TUR', 2],
      ['CIV', 0],
      ['HRV', 0],
      ['TKM', 0],
    ]);
  });

  test('filters by status, mandate, State, regional group, years and holder', async () => {
    const { api, mandateId, torture, secondHolder } = await listFixture();
    const codes = async (filter: object) => (await call(api, 'requests:list', { filter })).rows.map((r) => r.stateCode);
    expect(await codes({ statuses: ['refused'] })).toEqual(['HRV']);
    expect(await codes({ statuses: ['pending'], mandateIds: [torture] })).toEqual(['TUR', 'TKM']);
    expect(await codes({ mandateIds: [mandateId] })).toEqual(['CIV', 'HRV']);
    expect(await codes({ regionalGroups: ['Eastern European'] })).toEqual(['HRV']);
    expect(await codes({ regionalGroups: ['Asia-Pacific', 'African'] })).toEqual(['CIV', 'TKM']);
    expect(await codes({ yearFrom: 2017, yearTo: 2019 })).toEqual(['CIV']);
    expect(await codes({ yearFrom: 2016 })).toEqual(['CIV', 'HRV', 'TUR']);
    expect(await codes({ holderIds: [secondHolder] })).toEqual(['HRV']);
    expect(await codes({ stateCodes: ['TUR', 'CIV'] })).toEqual(['CIV', 'TUR']);
  });

  test('searches without accents, case or apostrophes, through former names and mandate titles', async () => {
    const { api } = await listFixture();
    const codes = async (search: string) => (await call(api, 'requests:list', { filter: { search } })).rows.map((r) => r.stateCode);
    expect(await codes('cote')).toEqual(['CIV']);
    expect(await codes('CÔTE D’IVOIRE')).toEqual(['CIV']);
    expect(await codes('turkey')).toEqual(['TUR']);
    expect(await codes('turk')).toEqual(['TUR', 'TKM']);
    expect(await codes('torture')).toEqual(['TUR', 'TKM']);
    expect(await codes('100%')).toEqual([]);
    expect(await codes('%')).toEqual([]);
    expect(await codes('_')).toEqual([]);
  });

  test('pages of the list', async () => {
    const { api } = await listFixture();
    const page = await call(api, 'requests:list', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.stateCode)).toEqual(['HRV', 'TUR']);
  });
});

describe('visits and their threads', () => {
  test('a side trip completes no request to the place visited; the subject’s request is completed', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const migrants = await db.selectFrom('mandates').select('id').where('title', 'like', '%human rights of migrants%').executeTakeFirstOrThrow();
    const aus = await call(api, 'requests:create', { mandateId: migrants.id, stateCode: 'AUS', opening: { type: 'request', date: '2015' } });
    const nru = await call(api, 'requests:create', { mandateId: migrants.id, stateCode: 'NRU', opening: { type: 'request', date: '2015' } });
    const visit = await call(api, 'visits:record', { mandateIds: [migrants.id], subjectStateCode: 'AUS', placeCodes: ['AUS', 'NRU'], start: '2016-11-01', end: '2016-11-18' });
    expect(visit.requestIds).toEqual([aus.id]);
    expect((await call(api, 'requests:get', { id: aus.id })).status).toBe('completed');
    expect((await call(api, 'requests:get', { id: nru.id })).status).toBe('pending');
  });

  test('a visit recorded by mistake is corrected or deleted; its threads follow, the change log keeps it', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const food = (await db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow()).id;
    const peru = await call(api, 'requests:create', { mandateId: food, stateCode: 'PER', opening: { type: 'request', date: '2019' } });
    const visit = await call(api, 'visits:record', { mandateIds: [food], subjectStateCode: 'PER', start: '2020-03-02', end: '2020-03-10', requestId: peru.id });
    // the dates were wrong: corrected, with the places; the earlier version is in the change log
    const corrected = await call(api, 'visits:correct', { id: visit.id, visit: { subjectStateCode: 'PER', placeCodes: ['PER', 'BOL'], start: '2021-03-02', end: '2021-03-10', official: true, reportSymbol: 'A/HRC/49/43/Add.1' } });
    expect(corrected).toEqual({ id: visit.id, requestIds: [peru.id] });
    const thread = await call(api, 'requests:get', { id: peru.id });
    expect(thread.visits.map((v) => [v.start, v.end, v.places.map((p) => p.code), v.report_symbol])).toEqual([['2021-03-02', '2021-03-10', ['BOL', 'PER'], 'A/HRC/49/43/Add.1']]);
    const entry = await db.selectFrom('change_log').select(['action', 'before', 'after']).where('entity', '=', 'visit').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([entry.action, JSON.parse(entry.before!).start, JSON.parse(entry.before!).placeCodes, JSON.parse(entry.after!).placeCodes]).toEqual(['update', '2020-03-02', ['PER'], ['BOL', 'PER']]);
    // checked as recording it is: nothing written on a refusal
    expect((await fail(api, 'visits:correct', { id: visit.id, visit: { subjectStateCode: 'PER', start: '2018-01-01', official: true } })).message).toBe(
      "The visit (2018-01-01) starts before the thread's correspondence it would answer (2019): check the dates, or record the visit on its own.",
    );
    expect((await fail(api, 'visits:correct', { id: visit.id, visit: { subjectStateCode: 'CHL', start: '2021-03-02', official: true } })).message).toBe('The visit request is addressed to a State this visit does not go to.');
    expect((await fail(api, 'visits:correct', { id: 999, visit: { subjectStateCode: 'PER', official: true } })).code).toBe('not_found');
    expect((await call(api, 'requests:get', { id: peru.id })).visits[0]!.start).toBe('2021-03-02');
    // deleted: the thread is pending again
    expect(await call(api, 'visits:delete', { id: visit.id })).toEqual({ requestIds: [peru.id], requestsDeleted: [] });
    expect((await call(api, 'requests:get', { id: peru.id })).status).toBe('pending');
    expect(await db.selectFrom('visit_places').select('visit_id').execute()).toEqual([]);
    // a thread the visit alone stood for goes with it
    const known = await call(api, 'import:commit', { ...{ fileName: 'v.csv', bytes: new TextEncoder().encode(`State,Mandate,Status,Visit start\nChile,Special Rapporteur on the right to food,completed,2015-05-04\n`) }, skipInvalidRows: false });
    const chile = known.rows[0]!.threadId!;
    const chileVisit = (await call(api, 'requests:get', { id: chile })).visits[0]!.id;
    // ...which cannot be a planned visit: it would leave the thread without a status
    expect((await fail(api, 'visits:correct', { id: chileVisit, visit: { subjectStateCode: 'CHL', start: '2027-05-04', official: true } })).message).toBe(
      'A visit planned for 2027-05-04 has not taken place: record the request or invitation it answers first.',
    );
    expect(await call(api, 'visits:delete', { id: chileVisit })).toEqual({ requestIds: [], requestsDeleted: [chile] });
    expect((await fail(api, 'requests:get', { id: chile })).code).toBe('not_found');
  });

  test('a joint visit entered from each mandate’s thread is one visit, counted once', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const mandate = async (like: string) => (await db.selectFrom('mandates').select('id').where('title', 'like', like).executeTakeFirstOrThrow()).id;
    const [food, water] = [await mandate('%right to food'), await mandate('%drinking water%')];
    const foodThread = await call(api, 'requests:create', { mandateId: food, stateCode: 'PER', opening: { type: 'request', date: '2019' } });
    const waterThread = await call(api, 'requests:create', { mandateId: water, stateCode: 'PER', opening: { type: 'request', date: '2019' } });
    const days = { subjectStateCode: 'PER', start: '2020-03-02', end: '2020-03-10' };
    const first = await call(api, 'visits:record', { mandateIds: [food], ...days, reportSymbol: 'A/HRC/46/33/Add.1', requestId: foodThread.id });
    const changes = await db.selectFrom('change_log').select('id').execute();
    // the second mandate's report symbol would overwrite the first's: refused, nothing written
    expect((await fail(api, 'visits:record', { mandateIds: [water], ...days, reportSymbol: 'A/HRC/46/34/Add.1', requestId: waterThread.id })).message).toBe(
      'The visit of the Special Rapporteur on the right to food to the same State on the same days is recorded already: a joint visit is one visit. ' +
        'Its report symbol differs from what is entered here: leave them as recorded (or empty) to add this mandate to it.',
    );
    expect(await db.selectFrom('change_log').select('id').execute()).toEqual(changes);
    const second = await call(api, 'visits:record', { mandateIds: [water], ...days, requestId: waterThread.id });
    expect(second).toEqual({ id: first.id, requestIds: [waterThread.id], joined: true });
    expect(await db.selectFrom('visits').select('id').execute()).toEqual([{ id: first.id }]);
    expect((await call(api, 'requests:get', { id: waterThread.id })).status).toBe('completed');
    expect((await call(api, 'indicators:get', { year: 2020 })).visitsInYear.visits).toHaveLength(1);
    const entry = await db.selectFrom('change_log').select(['action', 'after']).where('entity', '=', 'visit').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([entry.action, JSON.parse(entry.after!)]).toEqual(['update', { links: { [food]: foodThread.id, [water]: waterThread.id } }]);
    // other days, or a day-less month, are other visits
    expect((await call(api, 'visits:record', { mandateIds: [water], subjectStateCode: 'PER', start: '2020-03' })).joined).toBe(false);
  });

  test('a visit before the thread was opened answers no request of it: linked, refused; found, left unlinked', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const food = await db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
    const thread = await call(api, 'requests:create', { mandateId: food.id, stateCode: 'PER', opening: { type: 'request', date: '2019-03' } });
    // the rule names the field it is about, for the form to show it there
    expect(await fail(api, 'visits:record', { mandateIds: [food.id], subjectStateCode: 'PER', start: '2013-05-01', requestId: thread.id })).toEqual({
      code: 'rule',
      message: "The visit (2013-05-01) starts before the thread's correspondence it would answer (2019-03): check the dates, or record the visit on its own.",
      field: 'start',
    });
    // recorded without a thread, the 2013 visit is linked to none: the request stays pending
    const earlier = await call(api, 'visits:record', { mandateIds: [food.id], subjectStateCode: 'PER', start: '2013-05-01' });
    expect(earlier.requestIds).toEqual([]);
    expect((await call(api, 'requests:get', { id: thread.id })).status).toBe('pending');
    // "2019" may be March 2019 itself: the visit may answer the request
    const sameYear = await call(api, 'visits:record', { mandateIds: [food.id], subjectStateCode: 'PER', start: '2019', requestId: thread.id });
    expect(sameYear.requestIds).toEqual([thread.id]);
    // an undated open request cannot tell: the visit answers it (left pending, it would be offered for a reminder)
    const undatedThread = await call(api, 'requests:create', { mandateId: food.id, stateCode: 'BOL', opening: { type: 'request', date: null } });
    expect((await call(api, 'visits:record', { mandateIds: [food.id], subjectStateCode: 'BOL', start: '2021-05' })).requestIds).toEqual([undatedThread.id]);
    expect((await call(api, 'requests:get', { id: undatedThread.id })).status).toBe('completed');
    // ...unless its first dated document is surely after the visit: an acceptance of 2020 answers no visit of 2018
    const acceptedLater = await call(api, 'requests:create', { mandateId: food.id, stateCode: 'KEN', opening: { type: 'request', date: null } });
    await call(api, 'documents:record', { requestId: acceptedLater.id, document: { type: 'acceptance', date: '2020' } });
    expect((await call(api, 'visits:record', { mandateIds: [food.id], subjectStateCode: 'KEN', start: '2018-05' })).requestIds).toEqual([]);
    expect((await call(api, 'requests:get', { id: acceptedLater.id })).status).toBe('accepted');
    // a joint visit recorded from one mandate's thread answers the other mandate's undated open request too
    const water = await db.selectFrom('mandates').select('id').where('title', 'like', '%drinking water%').executeTakeFirstOrThrow();
    const foodInTza = await call(api, 'requests:create', { mandateId: food.id, stateCode: 'TZA', opening: { type: 'request', date: '2019' } });
    const waterInTza = await call(api, 'requests:create', { mandateId: water.id, stateCode: 'TZA', opening: { type: 'request' } });
    const joint = await call(api, 'visits:record', { mandateIds: [food.id, water.id], subjectStateCode: 'TZA', start: '2023-05-02', end: '2023-05-12', requestId: foodInTza.id });
    expect(joint.requestIds.sort()).toEqual([foodInTza.id, waterInTza.id].sort());
    expect((await call(api, 'requests:get', { id: waterInTza.id })).status).toBe('completed');
    // a row of a file: the same rule, with the row's reason
    const row = await call(api, 'import:preview', {
      fileName: 'v.csv',
      bytes: new TextEncoder().encode('State,Mandate,Status,Requested on,Visit start\nChile,Special Rapporteur on the right to food,completed,2019,2013-05-01\n'),
    });
    // an undated request: the thread's first dated document counts (an acceptance of 2020 is no answer to a visit of 2018)
    const undated = await call(api, 'import:preview', {
      fileName: 'u.csv',
      bytes: new TextEncoder().encode('State,Mandate,Status,Requested on,Accepted on,Visit start\nKenya,Special Rapporteur on the right to food,completed,,2020,2018-05\n'),
    });
    expect(undated.errors.map((e) => e.reason)).toEqual(["The visit (2018-05) starts before the thread's correspondence it would answer (2020): check the dates, or record the visit on its own."]);
    expect(row.errors).toEqual([
      { row: 2, column: 'Visit start', reason: "The visit (2013-05-01) starts before the thread's correspondence it would answer (2019): check the dates, or record the visit on its own." },
    ]);
  });
});

describe('a scheduled visit', () => {
  test('completes its thread once its first day has come, when the database is opened', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openDatabase } = await import('../../db/connection');
    const { createApi } = await import('../../db/api');
    const { refreshStartedVisits } = await import('../../db/visits');
    const file = join(mkdtempSync(join(tmpdir(), 'cv-')), 'cv.sqlite');
    const first = await openDatabase(file);
    const api = createApi(first.db, { today: () => '2026-11-29' });
    const food = await first.db.selectFrom('mandates').select('id').where('title', '=', 'Special Rapporteur on the right to food').executeTakeFirstOrThrow();
    const { id } = await call(api, 'requests:create', { mandateId: food.id, stateCode: 'PER', opening: { type: 'request', date: '2024' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'dates_proposal', date: '2026-06', proposedStart: '2027-03-02', proposedEnd: '2027-03-12' } });
    await call(api, 'visits:record', { mandateIds: [food.id], subjectStateCode: 'PER', start: '2027-03-02', end: '2027-03-12' });
    const before = await first.db.selectFrom('visit_requests').select(['status', 'status_text']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(before).toEqual({ status: 'accepted', status_text: 'dates proposed, visit scheduled' });
    // the day before changes nothing; the first day completes it
    expect(await refreshStartedVisits(first.db, '2027-03-01')).toEqual([]);
    expect(await refreshStartedVisits(first.db, '2027-03-02')).toEqual([id]);
    expect((await first.db.selectFrom('visit_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('completed');
    await first.close();
  });
});

describe('an ended mandate', () => {
  test('opens no request and makes no visit after it ended; earlier records stand', async () => {
    const { api, db } = await freshApi('2026-11-29');
    const sudan = await db.selectFrom('mandates').selectAll().where('title', '=', 'Mandate on the situation of human rights in the Sudan').executeTakeFirstOrThrow();
    await call(api, 'mandates:update', { id: sudan.id, title: sudan.title, kind: 'country', subjectStateCode: 'SDN', ended: '2020' });
    expect(await fail(api, 'requests:create', { mandateId: sudan.id, stateCode: 'SDN', opening: { type: 'request', date: '2024' } })).toEqual({
      code: 'rule',
      message: 'Mandate on the situation of human rights in the Sudan ended in 2020: it cannot have opened a request in 2024.',
    });
    expect((await fail(api, 'visits:record', { mandateIds: [sudan.id], subjectStateCode: 'SDN', start: '2021-02' })).message).toBe(
      'Mandate on the situation of human rights in the Sudan ended in 2020: it cannot have visited in 2021-02.',
    );
    // in its last year, and undated, are still possible
    const { id } = await call(api, 'requests:create', { mandateId: sudan.id, stateCode: 'SDN', opening: { type: 'request', date: '2020-03' } });
    await call(api, 'visits:record', { mandateIds: [sudan.id], subjectStateCode: 'SDN', start: '2019-12-01', end: '2019-12-08' });
    // it reminds no one after it ended; the State may still reply
    expect((await fail(api, 'documents:record', { requestId: id, document: { type: 'reminder', date: '2022-02-01' } })).message).toBe(
      'Mandate on the situation of human rights in the Sudan ended in 2020: it cannot have sent a reminder on 2022-02-01.',
    );
    const reply = await call(api, 'documents:record', { requestId: id, document: { type: 'declination', date: '2021' } });
    expect((await fail(api, 'documents:correct', { id: reply.id, document: { type: 'reminder', date: '2021' } })).message).toBe(
      'Mandate on the situation of human rights in the Sudan ended in 2020: it cannot have sent a reminder in 2021.',
    );
    // an end before the mandate's own records is refused: its request of 2020-03
    expect((await fail(api, 'mandates:update', { id: sudan.id, title: sudan.title, kind: 'country', subjectStateCode: 'SDN', ended: '2015' })).message).toBe(
      'The mandate has a request in 2020-03: it cannot have ended in 2015. Correct that record first, or give a later end.',
    );
  });
});

describe('one pending request per mandate and State', () => {
  const count = async (db: Awaited<ReturnType<typeof setup>>['db']) =>
    (await db.selectFrom('visit_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  test('a new request or invitation is refused while a request of the mandate to the State is pending, even from a successor', async () => {
    const { api, db, mandateId, firstHolder, secondHolder } = await setup();
    const bahrain = await call(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2019-03-04', signedByHolderId: firstHolder } });
    await call(api, 'documents:record', { requestId: bahrain.id, document: { type: 'acknowledgement', date: '2019-04' } });
    const before = await count(db);
    expect(await fail(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2021-02-10', signedByHolderId: secondHolder } })).toEqual({
      code: 'rule',
      message: 'A request of this mandate to Bahrain is pending since 2019-03-04 (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).',
    });
    expect(await fail(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'invitation', date: '2022-05' } })).toEqual({
      code: 'rule',
      message:
        'A request of this mandate to Bahrain is pending since 2019-03-04 (no answer yet): record the State’s invitation on that request, where it is filed as its acceptance, instead of opening a new thread.',
    });
    expect(await count(db)).toBe(before);
    // what the messages say to do
    await call(api, 'documents:record', { requestId: bahrain.id, document: { type: 'reminder', date: '2021-02-10', signedByHolderId: secondHolder } });
    expect((await call(api, 'requests:get', { id: bahrain.id })).statusText).toBe('acknowledged, reminded once');
    expect((await call(api, 'documents:record', { requestId: bahrain.id, document: { type: 'invitation', date: '2022-05' } })).filedAs).toBe('acceptance');
    // another mandate, or another State, is another pair
    const torture = await db.selectFrom('mandates').select('id').where('title', 'like', 'Special Rapporteur on torture%').executeTakeFirstOrThrow();
    await call(api, 'requests:create', { mandateId: torture.id, stateCode: 'BHR', opening: { type: 'request', date: '2020' } });
    await call(api, 'requests:create', { mandateId, stateCode: 'QAT', opening: { type: 'request', date: '2020' } });
    expect(await count(db)).toBe(before + 2);
  });

  test('an undated pending request is named as such', async () => {
    const { api, mandateId } = await setup();
    await call(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request' } });
    expect((await fail(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2024' } })).message).toBe(
      'A request of this mandate to Bahrain is pending since an undated request (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).',
    );
  });

  test('a thread accepted (postponed too), refused, completed or opened by an invitation does not block a new request', async () => {
    const { api, db, mandateId } = await setup();
    // Bahrain: accepted, the visit postponed, then a new request (as the torture mandate's record has it)
    const postponed = await call(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2011' } });
    await call(api, 'documents:record', { requestId: postponed.id, document: { type: 'acceptance', date: '2011-12' } });
    await call(api, 'documents:record', { requestId: postponed.id, document: { type: 'postponement', date: '2013-04-22' } });
    expect((await call(api, 'requests:get', { id: postponed.id })).status).toBe('accepted');
    const again = await call(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2017' } });
    expect((await call(api, 'requests:get', { id: again.id })).status).toBe('pending');
    // Peru: declined, then asked again
    const declined = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2015' } });
    await call(api, 'documents:record', { requestId: declined.id, document: { type: 'declination', date: '2016' } });
    await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    // Chile: visited, then asked again
    const visited = await call(api, 'requests:create', { mandateId, stateCode: 'CHL', opening: { type: 'request', date: '2014' } });
    await call(api, 'visits:record', { mandateIds: [mandateId], subjectStateCode: 'CHL', start: '2016-05-02', end: '2016-05-11' });
    expect((await call(api, 'requests:get', { id: visited.id })).status).toBe('completed');
    await call(api, 'requests:create', { mandateId, stateCode: 'CHL', opening: { type: 'request', date: '2022' } });
    // Norway: the State invited, the mandate asks on its own account
    await call(api, 'requests:create', { mandateId, stateCode: 'NOR', opening: { type: 'invitation', date: '2024-01-15' } });
    await call(api, 'requests:create', { mandateId, stateCode: 'NOR', opening: { type: 'request', date: '2025' } });
    const pending = await db.selectFrom('visit_requests').select('state_code').where('mandate_id', '=', mandateId).where('status', '=', 'pending').orderBy('state_code').execute();
    expect(pending.map((r) => r.state_code)).toEqual(['BHR', 'CHL', 'NOR', 'PER']);
  });

  test('a correction or deletion that would make a second thread pending is refused, and nothing changes', async () => {
    const { api, mandateId } = await setup();
    const old = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2015' } });
    const declination = await call(api, 'documents:record', { requestId: old.id, document: { type: 'declination', date: '2016' } });
    await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    const message =
      'This change would make the thread pending again, while another request of this mandate to Peru is pending since 2018: one request per mandate and State is pending at a time. Record the follow-up on that request as a reminder, or correct or delete it first.';
    expect(await fail(api, 'documents:correct', { id: declination.id, document: { type: 'acknowledgement', date: '2016' } })).toEqual({ code: 'rule', message });
    expect(await fail(api, 'documents:delete', { id: declination.id })).toEqual({ code: 'rule', message });
    const thread = await call(api, 'requests:get', { id: old.id });
    expect(thread.status).toBe('refused');
    expect(thread.documents.map((d) => [d.type, d.date, d.version])).toEqual([
      ['request', '2015', 1],
      ['declination', '2016', 1],
    ]);
    // a correction that keeps it refused is fine
    await call(api, 'documents:correct', { id: declination.id, document: { type: 'declination', date: '2016-03' } });
    // and an invitation thread corrected into a request, while a request is pending: refused too
    const nor = await call(api, 'requests:create', { mandateId, stateCode: 'NOR', opening: { type: 'invitation', date: '2024-01-15' } });
    await call(api, 'requests:create', { mandateId, stateCode: 'NOR', opening: { type: 'request', date: '2025' } });
    expect((await fail(api, 'documents:correct', { id: nor.documentId, document: { type: 'request', date: '2024-01-15' } })).message).toBe(
      'This change would make the thread pending again, while another request of this mandate to Norway is pending since 2025: one request per mandate and State is pending at a time. Record the follow-up on that request as a reminder, or correct or delete it first.',
    );
  });

  test('two pending threads recorded before this rule stay editable', async () => {
    const { api, db, mandateId } = await setup();
    const first = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2015' } });
    // a second pending thread written as an older version of the app did, without the check
    const { id: second } = await db
      .insertInto('visit_requests')
      .values({ mandate_id: mandateId, state_code: 'PER', priority: 'normal', notes: '', created_at: 'x', updated_at: 'x', status: 'pending', status_text: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('documents').values({ request_id: second, type: 'request', direction: 'to_state', date: '2018', reference: '', notes: '', created_at: 'x', updated_at: 'x' }).execute();
    await call(api, 'documents:record', { requestId: second, document: { type: 'reminder', date: '2020' } });
    await call(api, 'documents:record', { requestId: first.id, document: { type: 'reminder', date: '2019' } });
    expect((await call(api, 'requests:get', { id: second })).statusText).toBe('reminded once');
  });

  test('a visit goes on the pending thread; a visit of the past may still stand on a thread of its own', async () => {
    const { api, db, mandateId } = await setup();
    const pending = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2019-03-04' } });
    // a visit of 1995 listed in a report, long before the request (the SR on religion in Iran): a thread of its own, completed
    const past = await recordVisitOnNewThread(db, { mandateIds: [mandateId], subjectStateCode: 'PER', start: '1995', end: null, official: true }, { stateCode: 'PER' }, 'user', '2026-11-29');
    expect((await call(api, 'requests:get', { id: past.requestId })).status).toBe('completed');
    expect((await call(api, 'requests:get', { id: pending.id })).status).toBe('pending');
    // visits:record links a visit to the pending thread, which it completes
    const recorded = await call(api, 'visits:record', { mandateIds: [mandateId], subjectStateCode: 'PER', start: '2023-05-02', end: '2023-05-12', official: true });
    expect(recorded.requestIds).toEqual([pending.id]);
    expect((await call(api, 'requests:get', { id: pending.id })).status).toBe('completed');
  });

  test('a request of the past entered late, surely before the pending one, opens its own thread', async () => {
    const { api, mandateId } = await setup();
    await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2019-03-04' } });
    const old = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2012-06' } });
    await call(api, 'documents:record', { requestId: old.id, document: { type: 'declination', date: '2013' } });
    expect((await call(api, 'requests:get', { id: old.id })).status).toBe('refused');
    // the same year (not surely before), or undated: a follow-up, refused
    for (const date of ['2019', undefined]) {
      expect((await fail(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', ...(date ? { date } : {}) } })).message).toBe(
        'A request of this mandate to Peru is pending since 2019-03-04 (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).',
      );
    }
  });
});

describe('an undated document keeps its place in recording order', () => {
  test('request 2012, an undated acceptance, a declination of 2015: refused, and the thread reads in that order', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2012' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'declination', date: '2015' } });
    const thread = await call(api, 'requests:get', { id });
    expect(thread.status).toBe('refused');
    expect(thread.documents.map((d) => [d.type, d.date])).toEqual([
      ['request', '2012'],
      ['acceptance', null],
      ['declination', '2015'],
    ]);
    expect(thread.reasons).toEqual(['2012: request sent: pending', 'undated: acceptance in principle: accepted', '2015: declined: refused']);
    const row = (await call(api, 'requests:list', { filter: { stateCodes: ['BHR'] } })).rows[0]!;
    expect(row).toMatchObject({ status: 'refused', lastDocumentOn: '2015', lastDocumentType: 'declination' });
  });

  test('undated reminders recorded between a request and an acceptance stay between them', async () => {
    const { api, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2016-05' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'reminder' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'reminder' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance', date: '2019-10' } });
    // an acknowledgement filed late, dated before the acceptance, goes by its date
    await call(api, 'documents:record', { requestId: id, document: { type: 'acknowledgement', date: '2017-02' } });
    const thread = await call(api, 'requests:get', { id });
    expect(thread.documents.map((d) => [d.type, d.date])).toEqual([
      ['request', '2016-05'],
      ['reminder', null],
      ['reminder', null],
      ['acknowledgement', '2017-02'],
      ['acceptance', '2019-10'],
    ]);
    expect(`${thread.status} — ${thread.statusText}`).toBe('accepted — acknowledged, reminded 2 times');
  });
});

describe('threads cached under the old order of undated documents', () => {
  test('refreshThreadsWithUndatedDocuments rewrites the status of the threads with an undated document, and only those', async () => {
    const { api, db, mandateId } = await setup();
    const { id } = await call(api, 'requests:create', { mandateId, stateCode: 'BHR', opening: { type: 'request', date: '2012' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'acceptance' } });
    await call(api, 'documents:record', { requestId: id, document: { type: 'declination', date: '2015' } });
    const dated = await call(api, 'requests:create', { mandateId, stateCode: 'PER', opening: { type: 'request', date: '2018' } });
    // as the old order cached them: the undated acceptance read last (accepted); and a stale row elsewhere
    await db.updateTable('visit_requests').set({ status: 'accepted', status_text: '' }).where('id', '=', id).execute();
    await db.updateTable('visit_requests').set({ status_text: 'stale' }).where('id', '=', dated.id).execute();
    expect(await db.transaction().execute((trx) => refreshThreadsWithUndatedDocuments(trx, '2026-11-29'))).toEqual([id]);
    const rows = await db.selectFrom('visit_requests').select(['id', 'status', 'status_text']).orderBy('id').execute();
    expect(rows).toEqual([
      { id, status: 'refused', status_text: 'declined' },
      { id: dated.id, status: 'pending', status_text: 'stale' },
    ]);
  });
});
