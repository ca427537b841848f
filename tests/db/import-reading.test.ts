import { describe, expect, test } from 'vitest';
import { readLayout } from '../../db/import/columns';
import { orderEvidence, parseDateCell, parseDateRange } from '../../db/import/dates';
import { readStatus } from '../../db/import/statusPhrases';
import { readDocumentType, readReminders, readStatusDetail } from '../../db/import/words';

describe('reading the dates assistants type', () => {
  test.each([
    ['2019', '2019'],
    ['2019-3', '2019-03'],
    ['2019-03-05', '2019-03-05'],
    ['2019/03/05', '2019-03-05'],
    ['2019-03-05T00:00:00', '2019-03-05'],
    ['03/2019', '2019-03'],
    ['5 March 2019', '2019-03-05'],
    ['March 5, 2019', '2019-03-05'],
    ['5-Mar-2019', '2019-03-05'],
    ['Sept. 2019', '2019-09'],
    ['March 2019', '2019-03'],
    ['5 mars 2019', '2019-03-05'],
    ['1er février 2020', '2020-02-01'],
    ['5 de marzo de 2019', '2019-03-05'],
    ['Tuesday, March 5, 2019', '2019-03-05'],
    ['mardi 5 mars 2019', '2019-03-05'],
    ['marzo de 2019', '2019-03'],
    ['  ', null],
  ])('%j is %j', (text, date) => {
    expect(parseDateCell(text, null)).toEqual({ ok: true, date });
  });

  test('a visit\'s span in one cell: its two dates, the start completed by the end\'s month and year', () => {
    const read = (text: string, order: 'dmy' | 'mdy' | null = null) => {
      const r = parseDateRange(text, order);
      return r === null ? null : r.ok ? `${r.start} to ${r.end}` : r.reason;
    };
    expect(['5-16 October 2020', '5–16 Oct 2020', '28 September - 3 October 2020', '2020-10-05 to 2020-10-16', 'du 5 au 16 octobre 2020', 'del 5 al 16 de octubre de 2020', 'October 2020 – November 2020'].map((t) => read(t))).toEqual([
      '2020-10-05 to 2020-10-16',
      '2020-10-05 to 2020-10-16',
      '2020-09-28 to 2020-10-03',
      '2020-10-05 to 2020-10-16',
      '2020-10-05 to 2020-10-16',
      '2020-10-05 to 2020-10-16',
      '2020-10 to 2020-11',
    ]);
    // month first, and numeric dates by the file's order, spaces or not
    expect([read('October 5-16, 2020'), read('Oct 5–16 2020'), read('05/10/2020 - 16/10/2020', 'dmy'), read('5/10/2020-16/10/2020', 'dmy')]).toEqual(Array.from({ length: 4 }, () => '2020-10-05 to 2020-10-16'));
    // no span in one date, an ISO date included; a span whose dates need the day/month order says so
    expect([read('2020-10-05'), read('5 October 2020')]).toEqual([null, null]);
    expect(read('05/10/2020 - 06/10/2020')).toBe('"06/10/2020" can be read as 6 October 2020 or 10 June 2020: choose the day/month order of the file');
    // over the new year, the start's year the one before the end's
    expect(read('28 December - 5 January 2021')).toBe('2020-12-28 to 2021-01-05');
    expect(read('5th-16th October 2020')).toBe('2020-10-05 to 2020-10-16');
    expect(read('16-5 October 2020')).toBe('"16-5 October 2020" ends (2020-10-05) before it starts (2020-10-16): correct the dates');
  });

  test('numeric day/month/year: read by the order given, or when it reads the same both ways', () => {
    expect(parseDateCell('04/03/2019', 'dmy')).toEqual({ ok: true, date: '2019-03-04' });
    expect(parseDateCell('04.03.2019', 'mdy')).toEqual({ ok: true, date: '2019-04-03' });
    expect(parseDateCell('25-03-2019', null)).toEqual({ ok: true, date: '2019-03-25' });
    expect(parseDateCell('07/07/2019', null)).toEqual({ ok: true, date: '2019-07-07' });
    expect(parseDateCell('04/03/2019', null)).toEqual({ ok: false, reason: '"04/03/2019" can be read as 4 March 2019 or 3 April 2019: choose the day/month order of the file' });
    expect(parseDateCell('03/25/2019', 'dmy')).toEqual({ ok: false, reason: '"03/25/2019" is not a date read day/month/year (there is no month 25)' });
  });

  test('what is not a date is said so, never guessed', () => {
    expect(parseDateCell('5/3/19', 'dmy')).toEqual({ ok: false, reason: '"5/3/19": write the year with four digits, so the century is not guessed' });
    expect(parseDateCell('30/02/2019', 'dmy')).toEqual({ ok: false, reason: '"30/02/2019" is not a real date: 2019-02 has no day 30' });
    expect(parseDateCell('spring 2019', null)).toEqual({ ok: false, reason: '"spring 2019" is not a date: write YYYY-MM-DD, DD/MM/YYYY, "5 March 2019", "March 2019" or a year' });
    expect(parseDateCell('1850', null)).toEqual({ ok: false, reason: '"1850" is not a real date: the year must be between 1900 and 2100' });
    expect(parseDateCell('5-Mar-19', null)).toEqual({ ok: false, reason: '"5-Mar-19": write the year with four digits, so the century is not guessed' });
    expect(parseDateCell('Mar-19', null)).toEqual({ ok: false, reason: '"Mar-19": write the year with four digits, so the century is not guessed' });
    expect(parseDateCell('2019/20', null)).toEqual({ ok: false, reason: '"2019/20" is a span of years: write one date (the year it happened, e.g. 2019)' });
    expect(parseDateCell('2019-2020', null)).toEqual({ ok: false, reason: '"2019-2020" is a span of years: write one date (the year it happened, e.g. 2019)' });
    expect(parseDateCell('2011/12', null)).toEqual({ ok: false, reason: '"2011/12" can be the month 2011-12 or the years 2011-2012: write 2011-12 for the month, or one year' });
    expect(parseDateCell('2000/01', 'dmy')).toMatchObject({ ok: false });
    expect(parseDateCell('2011/10', null)).toEqual({ ok: true, date: '2011-10' });
    expect(parseDateCell('2019.0', null)).toEqual({ ok: true, date: '2019', note: '"2019.0" read as 2019' });
    expect(parseDateCell('43529.5', null)).toEqual({
      ok: false,
      reason: '"43529.5" looks like a spreadsheet\'s date number (2019-03-05): format the column as dates in the spreadsheet, or write the date',
    });
    // 43529 days after 1899-12-30: said, not taken
    expect(parseDateCell('43529', null)).toEqual({ ok: false, reason: '"43529" looks like a spreadsheet\'s date number (2019-03-05): format the column as dates in the spreadsheet, or write the date' });
    expect(parseDateCell('x', null)).toEqual({ ok: false, reason: '"x" is not a date: write YYYY-MM-DD, DD/MM/YYYY, "5 March 2019", "March 2019" or a year' });
  });

  test('a placeholder for "no date yet" is no date, and noted', () => {
    expect(['n/a', 'N.A.', '?', '-', '—', 'TBC', 'to be determined', 'unknown', 'à confirmer', 'sin fecha'].map((t) => parseDateCell(t, null))).toEqual(
      ['n/a', 'N.A.', '?', '-', '—', 'TBC', 'to be determined', 'unknown', 'à confirmer', 'sin fecha'].map((t) => ({ ok: true, date: null, note: `"${t}" read as no date` })),
    );
  });

  test('what a date says about the day/month order of its file', () => {
    expect(['25/03/2019', '03/25/2019', '03/04/2019', '04/04/2019', '2019-03-04', '3/4/19'].map(orderEvidence)).toEqual(['dmy', 'mdy', 'ambiguous', 'none', 'none', 'none']);
  });
});

describe('reading reminders, statuses and document types', () => {
  test('reminders: yes, a count, or dates', () => {
    expect(readReminders('', null)).toEqual({ ok: true, dates: [] });
    expect(readReminders('no', null)).toEqual({ ok: true, dates: [] });
    // "yes" says there was a reminder, not how many: one, and said
    expect(readReminders('Yes', null)).toEqual({ ok: true, dates: [null], note: '"Yes" read as one reminder, undated (the cell does not count them)' });
    expect(readReminders('oui', null)).toMatchObject({ ok: true, dates: [null] });
    expect(readReminders('3', null)).toEqual({ ok: true, dates: [null, null, null] });
    expect(readReminders('2019-03-04; 2020', null)).toEqual({ ok: true, dates: ['2019-03-04', '2020'] });
    expect(readReminders('2019-03-04, 2020-05', null)).toEqual({ ok: true, dates: ['2019-03-04', '2020-05'] });
    // a comma inside a written date is not a separator
    expect(readReminders('March 5, 2019; 12/05/2020', 'dmy')).toEqual({ ok: true, dates: ['2019-03-05', '2020-05-12'] });
    // a count in words or with its unit; words before the dates
    expect(['twice', '2 reminders', 'deux rappels', '3 times', 'once'].map((t) => readReminders(t, null))).toEqual([
      { ok: true, dates: [null, null], note: '"twice" read as 2 undated reminders' },
      { ok: true, dates: [null, null], note: '"2 reminders" read as 2 undated reminders' },
      { ok: true, dates: [null, null], note: '"deux rappels" read as 2 undated reminders' },
      { ok: true, dates: [null, null, null], note: '"3 times" read as 3 undated reminders' },
      { ok: true, dates: [null], note: '"once" read as 1 undated reminder' },
    ]);
    expect(['Reminder sent 15/4/2020', 'yes (2020)', 'Yes - 2020', 'Reminders: 2019; 2020'].map((t) => readReminders(t, 'dmy'))).toEqual([
      { ok: true, dates: ['2020-04-15'], note: '"Reminder sent 15/4/2020" read as the reminder dates 2020-04-15' },
      { ok: true, dates: ['2020'], note: '"yes (2020)" read as the reminder dates 2020' },
      { ok: true, dates: ['2020'], note: '"Yes - 2020" read as the reminder dates 2020' },
      { ok: true, dates: ['2019', '2020'], note: '"Reminders: 2019; 2020" read as the reminder dates 2019, 2020' },
    ]);
    expect(readReminders('Jan 2020 / Feb 2021', null)).toEqual({ ok: true, dates: ['2020-01', '2021-02'] });
    expect(readReminders('60 reminders', null)).toEqual({ ok: false, reason: '"60 reminders" reminders is more than any thread has had: write the count or the dates' });
    expect(readReminders('pending', null)).toEqual({ ok: false, reason: '"pending" is neither yes/no, a count nor reminder dates separated by ";", "," or line breaks' });
    // a count with its dates: they must agree
    expect(readReminders('2 (2019, 2021)', null)).toEqual({ ok: true, dates: ['2019', '2021'] });
    expect(readReminders('2: 2019-03; 2021', null)).toEqual({ ok: true, dates: ['2019-03', '2021'] });
    expect(readReminders('3 (2019, 2021)', null)).toEqual({ ok: false, reason: '"3 (2019, 2021)" counts 3 reminders and dates 2: write the count or the dates' });
    // a bad date among several names the cell it is in
    expect(readReminders('2019; 2020-13', null)).toEqual({ ok: false, reason: 'in "2019; 2020-13": "2020-13" is not a real date: there is no month 13' });
    expect(readReminders('n/a', null)).toEqual({ ok: true, dates: [], note: '"n/a" read as no reminder dates (a status "reminded" still records one undated reminder)' });
  });

  test('a status phrase is read by its status words when they come to one status, and noted; else refused', () => {
    const read = (t: string) => {
      const r = readStatus(t);
      return r.ok ? r.value : r.reason;
    };
    expect(readStatus('Accepted in principle')).toEqual({ ok: true, value: 'accepted', note: '"Accepted in principle" read as accepted' });
    // the later status takes the earlier it presupposes
    expect(['Visit took place', 'Pending - reminder sent', 'Request accepted', 'Visit requested', 'accepted; visit postponed', 'Accepted; dates agreed', 'Requested 2019, declined 2020'].map(read)).toEqual([
      'completed',
      'reminded',
      'accepted',
      'requested',
      'postponed',
      'forthcoming',
      'declined',
    ]);
    expect(['no reply', 'En cours', 'sin respuesta'].map((t) => readStatus(t))).toEqual([1, 2, 3].map(() => ({ ok: true, value: 'requested' })));
    // a negation, or two outcomes neither presupposes
    expect(read('Not yet accepted')).toBe(
      'the status "Not yet accepted" has a negation ("not"): write the status that holds now (requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed)',
    );
    expect(read('pas encore acceptée')).toMatch(/^the status "pas encore acceptée" has a negation \("pas"\)/);
    expect(read('Accepted, later declined')).toBe(
      'the status "Accepted, later declined" says accepted and declined: write the one that holds now (requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed)',
    );
  });

  test('a status phrase of what is awaited, may happen, is denied or comes after the visit is refused, never read as done', () => {
    const why = (t: string) => {
      const r = readStatus(t);
      return r.ok ? `read as ${r.value}` : r.reason.replace(/^the status ".*?" /, '').replace(/: write .*$/, '');
    };
    const awaited = (word: string) => `says what is awaited or may happen ("${word}"), not what happened`;
    expect(
      Object.fromEntries(
        [
          'Visit to be conducted', 'Yet to be visited', 'Visit will be conducted', 'May be cancelled', 'Likely to be declined', 'Accepted?',
          'Pending acceptance', 'Awaiting acceptance', 'Acceptance pending', 'Acceptance outstanding', 'Acceptance expected', 'Reminded, to be reminded again',
        ].map((t) => [t, why(t)]),
      ),
    ).toEqual({
      'Visit to be conducted': awaited('to be'),
      'Yet to be visited': awaited('to be'),
      'Visit will be conducted': awaited('will'),
      'May be cancelled': awaited('may be'),
      'Likely to be declined': awaited('to be'),
      'Accepted?': awaited('?'),
      'Pending acceptance': awaited('pending'),
      'Awaiting acceptance': awaited('awaiting'),
      'Acceptance pending': awaited('pending'),
      'Acceptance outstanding': awaited('outstanding'),
      'Acceptance expected': awaited('expected'),
      'Reminded, to be reminded again': awaited('to be'),
    });
    // a negation or a reversal anywhere in the cell
    expect(['Acceptance not received', 'Accepted: No', 'Acceptance revoked'].map(why)).toEqual(['has a negation ("not")', 'has a negation ("no")', 'has a word that undoes it ("revoked")']);
    // French and Spanish ways of saying a visit is to come; an acceptance asked for, not given
    expect(
      ['Visite devant être effectuée', 'Visita que debe ser realizada', 'Visita por ser efectuada', 'Acceptance requested', 'Requested acceptance', 'Acceptance sought', 'Chasing acceptance', 'Reminder sent re acceptance', 'Acceptance overdue', 'Invitation forthcoming', 'Cancelled (reinstated)'].map(
        (t) => readStatus(t).ok,
      ),
    ).toEqual(Array.from({ length: 11 }, () => false));
    // facts with a month, a negation about something else, or dates still awaited are read
    expect(
      [
        'Visit conducted in May 2019', 'Accepted 3 May', 'Declined - no reason given', 'Cancelled - no funds', 'Accepted (no dates yet)', 'Accepted, awaiting dates',
        'Accepted, dates TBC', 'Aceptada - fechas por confirmar', 'Reminders sent', 'Reminder sent again', 'Invitation received', 'Acceptation reçue', 'Pas de réponse', 'Visit done',
      ].map(why),
    ).toEqual([
      'read as completed', 'read as accepted', 'read as declined', 'read as cancelled', 'read as accepted', 'read as accepted',
      'read as accepted', 'read as accepted', 'read as reminded', 'read as reminded', 'read as invited', 'read as accepted', 'read as requested', 'read as completed',
    ]);
    // a request still to send or scheduled, a "no" after the status, a count of reminders: refused
    expect(
      ['To be requested', 'Demande à envoyer', 'Requested?', 'Reminder scheduled', 'Demande prévue en 2027', 'Dates proposed by the Special Rapporteur', 'Acceptance: none', 'Accepted: N', 'Completed: N'].map(
        (t) => readStatus(t).ok,
      ),
    ).toEqual(Array.from({ length: 9 }, () => false));
    expect(['Reminded 3 times', '2 reminders sent', 'Second reminder sent', 'Deux rappels envoyés'].map(why)).toEqual([
      'counts reminders ("3")',
      'counts reminders ("2")',
      'counts reminders ("second")',
      'counts reminders ("deux")',
    ]);
    expect(readStatus('Reminded 3 times')).toEqual({
      ok: false,
      reason: 'the status "Reminded 3 times" counts reminders ("3"): write "reminded" here, and the count or the reminders\' dates in the reminders column',
    });
    // a reason ("due to"), or the visit still to come: the status is a fact
    expect(
      ['Postponed due to COVID-19', 'Cancelled due to lack of funding', 'Accepted; visit will take place in 2027', 'Agreed, visit expected in 2027', 'Accepted, date of visit to be determined', 'Déclinée', 'Postergada', 'Relance envoyée', 'Visit has taken place', 'Acknowledged'].map(why),
    ).toEqual(['read as postponed', 'read as cancelled', 'read as accepted', 'read as accepted', 'read as accepted', 'read as declined', 'read as postponed', 'read as reminded', 'read as completed', 'read as requested']);
    // an acceptance with the visit awaited: accepted; a visit awaited alone is the pending request
    expect(['Accepted, visit pending', 'Accepted - pending visit', 'Aceptada; visita pendiente', 'Acceptée, visite en attente', 'Accepted - visit still pending', 'Accepted; the visit pending', 'Visit pending', 'Completed, visit pending'].map(why)).toEqual([
      'read as accepted',
      'read as accepted',
      'read as accepted',
      'read as accepted',
      'read as accepted',
      'read as accepted',
      'read as requested',
      'says what is awaited or may happen ("pending"), not what happened',
    ]);
    // but a visit still to come is no visit that took place, nor an acceptance awaited one given
    expect(
      ['Visit to be conducted', 'Visit may be postponed', 'Visite pourrait être reportée', 'Visit to be scheduled', 'Visit acceptance pending', 'Pending acceptance of visit', 'Awaiting acceptance of dates', 'Acceptance of the visit still awaited', 'Dates to be agreed', 'Acknowledged; acceptance to follow'].map(
        (t) => readStatus(t).ok,
      ),
    ).toEqual(Array.from({ length: 10 }, () => false));
    // "by the SR" cancels; "further notice" and "new dates" are no new request; French and Spanish nouns
    expect(
      ['Cancelled by the SR', 'Postponed until further notice', 'Postponed, no new dates', 'Rejet de la demande', 'Acceptation de la demande', 'Demande réitérée', 'Request reiterated', 'Visit undertaken in May 2019', 'Annulation de la visite', 'Report de la visite'].map(why),
    ).toEqual(['read as cancelled', 'read as postponed', 'read as postponed', 'read as declined', 'read as accepted', 'read as reminded', 'read as reminded', 'read as completed', 'read as cancelled', 'read as postponed']);
    // an invitation and a later step: which opened the thread is the "Opened by" column's to say
    expect(readStatus('Invitation received; visit scheduled')).toEqual({
      ok: false,
      reason: 'the status "Invitation received; visit scheduled" names the State\'s invitation and a later step: write the later step here, and "invitation" in an "Opened by" column if the invitation opened the thread',
    });
    expect(why('Requested 2018; invited 2019; visit took place')).toBe('read as completed');
    // dates the mandate proposed are its own step: the status is what else the cell names
    expect(
      ['Dates proposed by the SR', 'Requested, dates proposed by the SR', 'Request sent; SR proposed dates', 'Reminded, dates proposed by the Working Group', 'Accepted, dates proposed by the SR', 'Demande envoyée, dates proposées par le Rapporteur spécial', 'Solicitada, fechas propuestas por la Relatora Especial', 'Requested, dates proposed by the SR, visit scheduled', 'Reminded 3 times, dates proposed by the SR', 'Requested, dates proposed by SR', 'Requested, dates proposed by the SR, Government proposed other dates', 'SR proposed dates', 'Government proposed dates'].map(why),
    ).toEqual([
      'names dates proposed by the mandate ("proposed by the sr") and no status',
      'read as requested',
      'read as requested',
      'read as reminded',
      'read as accepted',
      'read as requested',
      'read as requested',
      'read as forthcoming',
      'counts reminders ("3")',
      'read as requested',
      // the State proposed dates too: its answer
      'read as forthcoming',
      'names dates proposed by the mandate ("sr proposed") and no status',
      'read as forthcoming',
    ]);
    expect(readStatus('Requested, dates proposed by the SR')).toEqual({ ok: true, value: 'requested', note: '"Requested, dates proposed by the SR" read as requested: the dates were proposed by the mandate, not the State' });
    // dates proposed beside the request: either side may have proposed them (DOMAIN.md), so only the State's saying so, or its acceptance, makes them its answer
    expect(
      [
        'Requested, dates proposed May 2027', 'Demande envoyée, dates proposées mai 2027', 'Solicitada, fechas propuestas mayo 2027', 'Requested; dates proposed by the Government',
        'Requested, Government proposed dates', 'Solicitada; fechas propuestas por el Gobierno', 'Requested, accepted, dates proposed', 'Requested, dates proposed, visit scheduled', 'Dates proposed',
      ].map(why),
    ).toEqual([
      'names the request and dates proposed, but not who proposed them',
      'names the request and dates proposed, but not who proposed them',
      'names the request and dates proposed, but not who proposed them',
      'read as forthcoming',
      'read as forthcoming',
      'read as forthcoming',
      'read as forthcoming',
      'read as forthcoming',
      'read as forthcoming',
    ]);
    expect(readStatus('Requested, dates proposed May 2027')).toEqual({
      ok: false,
      reason: 'the status "Requested, dates proposed May 2027" names the request and dates proposed, but not who proposed them: write "forthcoming" if the State did, "requested" if the mandate proposed them with its request',
    });
    // a reminder still to come is no reminder: refused, or the pending request; an invitation asked for is the request
    expect(['Reminder to be sent', 'Send reminder', 'Reminder due', 'Reminder pending', 'Invitation requested', 'Pending - reminder sent', 'Reminder sent (No. ABC/12)'].map(why)).toEqual([
      'unknown status "Reminder to be sent"',
      'unknown status "Send reminder"',
      'unknown status "Reminder due"',
      'read as requested',
      'read as requested',
      'read as reminded',
      'read as reminded',
    ]);
    // the invitation noun alone in a phrase is no invitation: a standing invitation, an invitation asked for
    expect(['Standing invitation', 'Request for invitation', 'Awaiting invitation'].map((t) => readStatus(t).ok)).toEqual([false, false, false]);
    // two requests in one cell; a report, which follows a visit
    expect(['Visit took place; new request sent', 'Declined, new request sent', 'Report pending', 'Informe pendiente', 'Reporte pendiente', 'Visit took place, report pending'].map(why)).toEqual([
      'names a second request ("new request"), which needs a row of its own',
      'names a second request ("new request"), which needs a row of its own',
      'speaks of more than the visit request ("report")',
      'speaks of more than the visit request ("informe")',
      'speaks of more than the visit request ("reporte")',
      'read as completed',
    ]);
  });

  test('status and document type words in English, French and Spanish', () => {
    expect(['Requested', 'reminder', 'Acceptée', 'invitado', 'forthcoming', 'aplazada', 'Withdrawn', 'refusée', 'COMPLETED'].map((w) => readStatus(w))).toEqual(
      ['requested', 'reminded', 'accepted', 'invited', 'forthcoming', 'postponed', 'cancelled', 'declined', 'completed'].map((value) => ({ ok: true, value })),
    );
    expect(readStatus('lost')).toEqual({
      ok: false,
      reason: 'unknown status "lost": write requested, reminded, accepted, invited, forthcoming, postponed, cancelled, declined or completed',
    });
    expect(['Note verbale', 'accusé de réception', 'Dates proposal', 'visita'].map((w) => readDocumentType(w))).toEqual([
      { ok: false, reason: expect.stringContaining('unknown document type "Note verbale"') },
      { ok: true, value: 'acknowledgement' },
      { ok: true, value: 'dates_proposal' },
      { ok: true, value: 'visit' },
    ]);
    // the words logs use
    const types = ['Relance', 'Reminder letter', 'Request for visit', 'Initial request', 'Acknowledgment of receipt', 'Acceptance letter', 'Withdrawal of request', 'Official visit', 'Mission officielle', 'Visita oficial', 'Nota de seguimiento'];
    expect(types.map((w) => readDocumentType(w)).map((r) => (r.ok ? r.value : r.reason))).toEqual([
      'reminder', 'reminder', 'request', 'request', 'acknowledgement', 'acceptance', 'cancellation', 'visit', 'visit', 'visit', 'reminder',
    ]);
    expect(readLayout(['País', 'Mandato', 'Tipo de documento', 'Fecha', 'Sentido']).index).toMatchObject({ documentType: 2, date: 3, direction: 4 });
  });
});

describe('reading the header row', () => {
  test('headers folded and matched in English, French and Spanish; the shape follows', () => {
    // a sheet's own words for the acceptance's and the visit's columns, and the invitation's
    expect(readLayout(['Pays', 'Mandat', 'Statut', 'Acceptée', 'Visite', 'Invitation']).index).toEqual({ state: 0, mandate: 1, status: 2, acceptedOn: 3, visitStart: 4, invitedOn: 5 });
    expect(readLayout(['País', 'Mandato', 'Estado', 'Aceptada', 'Visita', 'Fecha de invitación']).index).toEqual({ state: 0, mandate: 1, status: 2, acceptedOn: 3, visitStart: 4, invitedOn: 5 });
    const request = readLayout(['ÉTAT', 'Mandato', 'Statut', 'Fecha de solicitud', 'Type', 'As of']);
    expect([request.shape, request.columns.map((c) => [c.field, c.by])]).toEqual([
      'request',
      [
        ['state', 'header'],
        ['mandate', 'header'],
        ['status', 'header'],
        ['requestedOn', 'header'],
        // a "Type" column beside a status is not a document type (often the mandate's type)
        [null, 'unused'],
        [null, 'unrecognised'],
      ],
    ]);
    const document = readLayout(['País', 'Mandate', 'Document type', 'Fecha', 'Ref.']);
    expect([document.shape, document.index]).toEqual(['document', { state: 0, mandate: 1, documentType: 2, date: 3, reference: 4 }]);
    // a log of documents with the thread's status beside each: the header names documents, the status is left unread
    const log = readLayout(['State', 'Mandate', 'Document type', 'Date', 'Status']);
    expect([log.shape, log.index, log.columns[4]]).toEqual(['document', { state: 0, mandate: 1, documentType: 2, date: 3 }, { header: 'Status', index: 4, field: null, by: 'unused' }]);
    expect(readLayout(['State', 'Mandate', 'Correspondence', 'Date', 'Statut']).shape).toBe('document');
    // a bare "Type", or one read loosely, beside a status: one row per request, unless the user maps it to the document type
    expect(['Type', 'Tipo', 'Type (thematic or country)'].map((h) => readLayout(['State', 'Mandate', h, 'Date', 'Status']).shape)).toEqual(['request', 'request', 'request']);
    expect(readLayout(['State', 'Mandate', 'Type', 'Date', 'Status'], { Type: 'documentType' }).shape).toBe('document');
  });

  test('the user’s mapping settles two columns that read as the same field', () => {
    expect(() => readLayout(['State', 'Country', 'Mandate', 'Status'])).toThrow('The columns "State" and "Country" both read as State');
    expect(readLayout(['State', 'Country', 'Mandate', 'Status'], { Country: 'state' }).index.state).toBe(1);
    expect(readLayout(['State', 'Country', 'Mandate', 'Status'], { Country: 'ignore' }).index.state).toBe(0);
  });

  test('headers with a remark, alternatives or filler words are read when all their parts name one field', () => {
    const layout = readLayout(['Country', 'Mandate', 'Status (current)', 'No. of reminders', 'Notes/comments', 'Date of visit', 'Request / acceptance', 'Source']);
    expect(layout.columns.map((c) => [c.header, c.field])).toEqual([
      ['Country', 'state'],
      ['Mandate', 'mandate'],
      ['Status (current)', 'status'],
      ['No. of reminders', 'reminders'],
      ['Notes/comments', 'notes'],
      ['Date of visit', 'visitStart'],
      // two fields in one header: not guessed
      ['Request / acceptance', null],
      ['Source', null],
    ]);
    // a remark naming an alternative is no remark: "Date of acceptance (or refusal)" is no date of acceptance
    expect(readLayout(['State', 'Mandate', 'Status of the request', 'Date of acceptance (or refusal)', 'Requested on (dd/mm/yyyy)']).columns.map((c) => c.field)).toEqual([
      'state',
      'mandate',
      'status',
      null,
      'requestedOn',
    ]);
    expect(['Visit status', 'Status of visit', 'Current status of request', 'Statut de la demande', 'Estado de la visita'].map((h) => readLayout(['State', 'Mandate', h]).index.status)).toEqual([2, 2, 2, 2, 2]);
    // remarks that are no alternative field stay remarks: "y" of d/m/y, "or NV", "or planned"
    expect(readLayout(['State', 'Mandate', 'Type', 'Date (d/m/y)', 'Form (letter or NV)']).index).toMatchObject({ date: 3, form: 4 });
    expect(readLayout(['State', 'Mandate', 'Reminders (Y/N)', 'Visit start (or planned)']).index).toMatchObject({ reminders: 2, visitStart: 3 });
    // an outcome column under another name is asked about
    expect(() => readLayout(['State', 'Mandate', 'Requested on', 'Outcome'])).toThrow('The column "Outcome" seems to hold the status');
    // without a status read, a column that seems to hold it is asked about: every row would otherwise be pending
    expect(() => readLayout(['State', 'Mandate', 'Requested on', 'Status/Follow-up'])).toThrow(
      'The column "Status/Follow-up" seems to hold the status, but its header is not one the import reads, and without a status every row would be a pending request: map it to "status" (or to "ignore") in the column mapping.',
    );
    expect(readLayout(['State', 'Mandate', 'Requested on', 'Status/Follow-up'], { 'Status/Follow-up': 'status' }).index.status).toBe(3);
    // in a log of documents, "From" and "To" are the sender and the addressee
    // one reminder per column: read together; two plain "Reminders" columns are still the file's ambiguity
    expect(readLayout(['State', 'Mandate', 'Status', 'Reminder 1', 'Reminder 2', '3rd reminder', 'Rappel 4'])).toMatchObject({ index: { reminders: 3 }, reminderColumns: [3, 4, 5, 6] });
    expect(readLayout(['State', 'Mandate', 'Status', 'First reminder', 'Second reminder date']).reminderColumns).toEqual([3, 4]);
    expect(() => readLayout(['State', 'Mandate', 'Reminders', 'Reminder'])).toThrow('The columns "Reminders" and "Reminder" both read as reminders');
    // "Estado" and "État" are the State, or the status beside another State column
    expect(['País,Mandato,Estado', 'Pays,Mandat,État', 'Estado,Mandato,Estado actual', 'Estado,Mandato,Situación'].map((h) => readLayout(h.split(',')).index)).toEqual([
      { state: 0, mandate: 1, status: 2 },
      { state: 0, mandate: 1, status: 2 },
      { state: 0, mandate: 1, status: 2 },
      { state: 0, mandate: 1, status: 2 },
    ]);
    // a document type column however it is headed makes a log of documents
    expect(['Kind of document', 'Letter type', 'Type of correspondence', 'Nature du document', 'Tipo de carta', 'Type of letter (NV or letter)'].map((h) => [readLayout(['State', 'Mandate', h, 'Date']).shape, readLayout(['State', 'Mandate', h, 'Date']).index.documentType])).toEqual(
      Array.from({ length: 6 }, () => ['document', 2]),
    );
    // beside a Status column too, which a log of documents leaves unread
    expect(readLayout(['State', 'Mandate', 'Letter type', 'Date', 'Status'])).toMatchObject({ shape: 'document', statusLeft: 4 });
    const log = readLayout(['State', 'Mandate', 'Type', 'Date', 'From', 'To']);
    expect([log.shape, log.columns.map((c) => c.field)]).toEqual(['document', ['state', 'mandate', 'documentType', 'date', null, null]]);
    expect(readLayout(['State', 'Mandate', 'Status', 'From', 'To']).index).toMatchObject({ visitStart: 3, visitEnd: 4 });
    // the app's own export: "Reminders" is the count, "Last reminder" the last one's date
    expect(readLayout(['State', 'Mandate', 'Reminders', 'Last reminder']).columns.map((c) => [c.field, c.by])).toEqual([
      ['state', 'header'],
      ['mandate', 'header'],
      ['reminders', 'header'],
      ['lastReminder', 'header'],
    ]);
  });
});

describe('the detail column of a list the app exported', () => {
  test('its words say whether a refusal was declined or withdrawn; other words are not read', () => {
    expect(readLayout(['State', 'Mandate', 'Status', 'Detail']).index).toMatchObject({ status: 2, statusDetail: 3 });
    expect(['reminded 2 times, withdrawn or cancelled', 'Acknowledged, Declined', 'reminded once, dates proposed, postponed', '', 'Called the mission twice'].map(readStatusDetail)).toEqual([
      { acknowledged: false, declined: false, withdrawn: true, postponed: false },
      { acknowledged: true, declined: true, withdrawn: false, postponed: false },
      { acknowledged: false, declined: false, withdrawn: false, postponed: true },
      { acknowledged: false, declined: false, withdrawn: false, postponed: false },
      null,
    ]);
  });
});

describe('reading a large CSV file', () => {
  test('the delimiter guessed from the first rows holds for a file of several megabytes, quotes and line ends included', async () => {
    const { readTable } = await import('../../db/import/read');
    // 40,000 rows of ~70 characters: about 2.8 MB, beyond the first megabyte the guess reads
    const lines = ['"State";"Mandate";"Notes"'];
    for (let i = 0; i < 40_000; i++) lines.push(`"Côte d’Ivoire";"Special Rapporteur on torture";"row ${i}; with a semicolon"`);
    const text = lines.join('\r\n') + '\r\n';
    const table = await readTable('large.csv', new TextEncoder().encode(text));
    expect(table.delimiter).toBe(';');
    expect(table.rows).toHaveLength(40_001);
    expect(table.rows[0]!.cells).toEqual(['State', 'Mandate', 'Notes']);
    expect(table.rows[40_000]).toEqual({ row: 40_001, cells: ['Côte d’Ivoire', 'Special Rapporteur on torture', 'row 39999; with a semicolon'] });
  });
});
