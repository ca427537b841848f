import { describe, expect, test } from 'vitest';
import type { DocumentType } from '../../db/domain';
import { deriveStatus, describeDetail, orderDocuments, type StatusDocument } from '../../db/status';

const TODAY = '2026-11-29';
let nextId = 1;
const doc = (type: DocumentType, date: string | null = null, extra: Partial<StatusDocument> = {}): StatusDocument => ({ id: nextId++, type, date, ...extra });
const derive = (docs: StatusDocument[], visits: { start: string | null; end: string | null }[] = []) => deriveStatus(docs, visits, TODAY);

describe('the status of a visit request follows from its documents', () => {
  test('a request alone is pending', () => {
    const r = derive([doc('request', '2019-03-04')]);
    expect(r.status).toBe('pending');
    expect(r.reasons).toEqual(['2019-03-04: request sent: pending']);
  });

  test('an acknowledgement is not an acceptance', () => {
    const r = derive([doc('request', '2019-03-04'), doc('acknowledgement', '2019-04')]);
    expect(r.status).toBe('pending');
    expect(r.detail.acknowledged).toBe(true);
    expect(describeDetail(r.detail)).toBe('acknowledged');
  });

  test('a reminder is never a new request: the status stays and reminders are counted', () => {
    const r = derive([doc('request', '2015'), doc('reminder', '2019-02-01'), doc('reminder', '2021-06'), doc('reminder', '2020')]);
    expect(r.status).toBe('pending');
    expect(r.detail.reminders).toBe(3);
    expect(r.detail.lastReminderOn).toBe('2021-06');
    expect(describeDetail(r.detail)).toBe('reminded 3 times');
  });

  test('an invitation after a request of the same mandate is an acceptance', () => {
    const r = derive([doc('request', '2018-05'), doc('invitation', '2020-01-10')]);
    expect(r.status).toBe('accepted');
  });

  test('a spontaneous invitation opens an invitation thread; the holder accepting makes it accepted', () => {
    expect(derive([doc('invitation', '2022-02-02')]).status).toBe('invitation');
    expect(derive([doc('invitation', '2022-02-02'), doc('acceptance', '2022-03')]).status).toBe('accepted');
    expect(derive([doc('invitation', '2022-02-02'), doc('declination', '2022-03')]).status).toBe('refused');
  });

  test('a postponement is not a refusal', () => {
    const r = derive([doc('request', '2019'), doc('acceptance', '2019-10'), doc('postponement', '2020-03-15')]);
    expect(r.status).toBe('accepted');
    expect(r.detail.postponed).toBe(true);
    expect(describeDetail(r.detail)).toBe('postponed');
  });

  test('dates proposed keep the proposed period', () => {
    const r = derive([doc('request', '2019'), doc('dates_proposal', '2020-01', { proposed_start: '2020-09-01', proposed_end: '2020-09-12' })]);
    expect(r.status).toBe('accepted');
    expect(r.detail).toMatchObject({ datesProposed: true, proposedStart: '2020-09-01', proposedEnd: '2020-09-12' });
  });

  test('declination and cancellation are refusals', () => {
    expect(derive([doc('request', '2019'), doc('declination', '2019-05')]).status).toBe('refused');
    const cancelled = derive([doc('request', '2019'), doc('acceptance', '2019-05'), doc('cancellation', '2020')]);
    expect(cancelled.status).toBe('refused');
    expect(cancelled.detail.withdrawn).toBe(true);
  });

  test('a visit that took place completes the thread; one still to come does not', () => {
    const docs = [doc('request', '2019'), doc('acceptance', '2019-05')];
    expect(derive(docs, [{ start: '2021-03-01', end: '2021-03-10' }]).status).toBe('completed');
    const future = derive(docs, [{ start: '2027-01-10', end: '2027-01-20' }]);
    expect(future.status).toBe('accepted');
    expect(future.detail.visitScheduled).toBe(true);
    expect(derive(docs, [{ start: '2026-11', end: null }]).status).toBe('completed'); // may have started already this month
  });

  test('a visit recorded with dates to come makes a pending request accepted, not yet done', () => {
    const r = derive([doc('request', '2024')], [{ start: '2027-05-01', end: '2027-05-10' }]);
    expect(r.status).toBe('accepted');
    expect(describeDetail(r.detail)).toBe('visit scheduled');
    expect(r.reasons).toEqual(['2024: request sent: pending', '2027-05-01: visit scheduled: accepted']);
  });

  test('documents are taken in thread order whatever order they come in', () => {
    // the acceptance was recorded before the declination but dated after it
    const acceptance = doc('acceptance', '2021-01');
    const declination = doc('declination', '2020-06');
    const request = doc('request', '2019');
    expect(derive([acceptance, declination, request]).status).toBe('accepted');
    expect(orderDocuments([acceptance, declination, request]).map((d) => d.type)).toEqual(['request', 'declination', 'acceptance']);
  });

  test('an undated document keeps its place in recording order; the opening document first', () => {
    // recorded: reminder (undated, before any dated document), request (undated), acknowledgement 2010
    const reminder = doc('reminder', null);
    const request = doc('request', null);
    const ack = doc('acknowledgement', '2010');
    expect(orderDocuments([ack, reminder, request]).map((d) => d.type)).toEqual(['request', 'reminder', 'acknowledgement']);
  });

  test('request 2012, an undated acceptance, a declination of 2015: accepted, then refused', () => {
    const request = doc('request', '2012');
    const acceptance = doc('acceptance', null);
    const declination = doc('declination', '2015');
    // whatever order they come in, the recording order (ids) places the acceptance after the request
    const ordered = orderDocuments([declination, acceptance, request]);
    expect(ordered.map((d) => [d.type, d.date])).toEqual([
      ['request', '2012'],
      ['acceptance', null],
      ['declination', '2015'],
    ]);
    const r = derive([declination, acceptance, request]);
    expect(r.status).toBe('refused');
    expect(r.reasons).toEqual(['2012: request sent: pending', 'undated: acceptance in principle: accepted', '2015: declined: refused']);
  });

  test('the same documents recorded declination first: the undated acceptance follows it, accepted', () => {
    const request = doc('request', '2012');
    const declination = doc('declination', '2015');
    const acceptance = doc('acceptance', null);
    expect(orderDocuments([acceptance, declination, request]).map((d) => d.type)).toEqual(['request', 'declination', 'acceptance']);
    expect(derive([acceptance, declination, request]).status).toBe('accepted');
  });

  test('undated reminders between a request and an acceptance stay between them', () => {
    // recorded: request 2016-05, reminder (undated), reminder (undated), acknowledgement 2017-02, acceptance 2019-10
    const request = doc('request', '2016-05');
    const r1 = doc('reminder', null);
    const r2 = doc('reminder', null);
    const ack = doc('acknowledgement', '2017-02');
    const acceptance = doc('acceptance', '2019-10');
    const ordered = orderDocuments([acceptance, r2, ack, r1, request]);
    expect(ordered.map((d) => d.id)).toEqual([request.id, r1.id, r2.id, ack.id, acceptance.id]);
    const r = derive([acceptance, r2, ack, r1, request]);
    expect(r.status).toBe('accepted');
    expect(r.detail).toMatchObject({ reminders: 2, lastReminderOn: null, acknowledged: true });
    expect(r.reasons).toEqual([
      '2016-05: request sent: pending',
      'undated: reminder 1 (not a new request): status unchanged',
      'undated: reminder 2 (not a new request): status unchanged',
      '2017-02: acknowledgement (not an acceptance): status unchanged',
      '2019-10: acceptance in principle: accepted',
    ]);
  });

  test('an undated document takes the place of the document recorded just before it, not the latest date', () => {
    // recorded: request 2014, acceptance 2018, acknowledgement 2015 (filed late), then an undated reminder:
    // the reminder follows the acknowledgement (2015), so it comes before the acceptance of 2018
    const request = doc('request', '2014');
    const acceptance = doc('acceptance', '2018');
    const ack = doc('acknowledgement', '2015');
    const reminder = doc('reminder', null);
    const another = doc('acknowledgement', '2015'); // same date, recorded after the reminder: after it
    expect(orderDocuments([another, reminder, ack, acceptance, request]).map((d) => d.id)).toEqual([request.id, ack.id, reminder.id, another.id, acceptance.id]);
  });

  test('partial dates sort as partialDate.ts compares them: the less precise first on a tie', () => {
    const request = doc('request', '2019-03-04');
    const a = doc('acknowledgement', '2019-04-02');
    const b = doc('reminder', '2019-04');
    const c = doc('reminder', '2019');
    expect(orderDocuments([a, b, c, request]).map((d) => d.date)).toEqual(['2019-03-04', '2019', '2019-04', '2019-04-02']);
  });

  test('a thread with nothing to open it cannot stand', () => {
    expect(() => derive([doc('reminder', '2020')])).toThrow('needs an opening request or invitation');
  });
});
