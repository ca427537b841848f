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

  test('undated documents come after dated ones, in recording order, the opening document first', () => {
    const reminder = doc('reminder', null);
    const request = doc('request', null);
    const ack = doc('acknowledgement', '2010');
    expect(orderDocuments([reminder, request, ack]).map((d) => d.type)).toEqual(['request', 'acknowledgement', 'reminder']);
  });

  test('a thread with nothing to open it cannot stand', () => {
    expect(() => derive([doc('reminder', '2020')])).toThrow('needs an opening request or invitation');
  });
});
