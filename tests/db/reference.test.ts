import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { historyOf } from '../../db/changeLog';
import { DEFAULT_REFERENCE_DIR, loadReferenceData, parseFormerNames } from '../../db/reference';
import { StateMatcher, MandateMatcher } from '../../db/matching';
import { call, fail, freshApi, freshDatabase } from '../support/db';

describe('reference data', () => {
  test('193 Member States in five regional groups, 2 observer States, territories apart', async () => {
    const { db } = await freshDatabase();
    const kinds = await db.selectFrom('states').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').orderBy('kind').execute();
    expect(kinds).toEqual([
      { kind: 'member', n: 193 },
      { kind: 'observer', n: 2 },
      { kind: 'territory', n: 2 },
    ]);
    const groups = await db
      .selectFrom('states')
      .select(['regional_group', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'member')
      .groupBy('regional_group')
      .orderBy('regional_group')
      .execute();
    expect(groups).toEqual([
      { regional_group: 'African', n: 54 },
      { regional_group: 'Asia-Pacific', n: 54 },
      { regional_group: 'Eastern European', n: 23 },
      { regional_group: 'Latin American and Caribbean', n: 33 },
      { regional_group: 'Western European and Others', n: 29 },
    ]);
    const observers = await db.selectFrom('states').select(['code', 'regional_group']).where('kind', '=', 'observer').orderBy('code').execute();
    expect(observers).toEqual([
      { code: 'PSE', regional_group: null },
      { code: 'VAT', regional_group: null },
    ]);
  });

  test('loading again inserts nothing and keeps the user’s edits', async () => {
    const { db } = await freshDatabase();
    await db.updateTable('states').set({ standing_invitation: 0, mission_address: 'Rue de Lausanne 1' }).where('code', '=', 'ALB').execute();
    const counts = async () => ({
      states: (await db.selectFrom('states').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      names: (await db.selectFrom('state_names').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
      mandates: (await db.selectFrom('mandates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    });
    const before = await counts();
    expect(await loadReferenceData(db)).toEqual({ states: 0, names: 0, mandates: 0, mandateEnds: 0, standingInvitations: 0 });
    expect(await counts()).toEqual(before);
    expect(before.mandates).toBe(59);
    const alb = await db.selectFrom('states').select(['standing_invitation', 'mission_address']).where('code', '=', 'ALB').executeTakeFirstOrThrow();
    expect(alb).toEqual({ standing_invitation: 0, mission_address: 'Rue de Lausanne 1' });
  });

  test('standing invitations are set, with the one known date', async () => {
    const { db } = await freshDatabase();
    const kor = await db.selectFrom('states').select(['standing_invitation', 'standing_invitation_since']).where('code', '=', 'KOR').executeTakeFirstOrThrow();
    expect(kor).toEqual({ standing_invitation: 1, standing_invitation_since: '2008-03-03' });
    // the file's 81 rows name 81 distinct States (some by former names: Turkey, Czech Republic...)
    const n = await db.selectFrom('states').select((eb) => eb.fn.countAll<number>().as('n')).where('standing_invitation', '=', 1).executeTakeFirstOrThrow();
    expect(n.n).toBe(81);
  });

  test('former names carry the year they changed', async () => {
    expect(parseFormerNames('Turkey (until 2022)')).toEqual([{ name: 'Turkey', until: '2022' }]);
    expect(parseFormerNames('A (until 2001); B')).toEqual([
      { name: 'A', until: '2001' },
      { name: 'B', until: null },
    ]);
    const { api } = await freshApi();
    const swz = await call(api, 'states:get', { code: 'SWZ' });
    expect(swz.name_en).toBe('Eswatini');
    expect(swz.formerNames).toEqual([{ name: 'Swaziland', until: '2018' }]);
  });

  test('States are found through current, former and other names, accents, apostrophes and case', async () => {
    const { db } = await freshDatabase();
    const m = await StateMatcher.load(db);
    const code = (name: string) => {
      const r = m.match(name);
      return r.ok ? r.value : r.reason;
    };
    expect(code("Côte d'Ivoire")).toBe('CIV');
    expect(code('Cote d’Ivoire')).toBe('CIV');
    expect(code('COTE D IVOIRE')).toBe('CIV');
    expect(code('Turkey')).toBe('TUR');
    expect(code('Türkiye')).toBe('TUR');
    expect(code('turkiye')).toBe('TUR');
    expect(code('Swaziland')).toBe('SWZ');
    expect(code('Eswatini')).toBe('SWZ');
    expect(code('Czech Republic')).toBe('CZE');
    expect(code('the former Yugoslav Republic of Macedonia')).toBe('MKD');
    expect(code('The Russian Federation')).toBe('RUS');
    expect(code('Vietnam')).toBe('VNM');
    expect(code('Turquía')).toBe('TUR');
    expect(code('Atlantis')).toBe('unknown State "Atlantis": add it under States, or write its UN name');
    // looser readings carry a note the import shows beside the row
    const note = (name: string) => {
      const r = m.match(name);
      return r.ok ? [r.value, r.note ?? null] : r.reason;
    };
    expect(note('DRC')).toEqual(['COD', 'the State "DRC" read as Democratic Republic of the Congo']);
    expect(note('FYROM')).toEqual(['MKD', 'the State "FYROM" read as North Macedonia']);
    expect(note('US')).toEqual(['USA', null]);
    // a two-letter ISO code is no State: SA is South Africa in many offices, SK South Korea
    expect(note('SA')).toBe('"SA" is not read as a State: it is the ISO code of Saudi Arabia, but two letters are also other States\' shorthand: write the State\'s name');
    expect(note('sk')).toBe('"sk" is not read as a State: it is the ISO code of Slovakia, but two letters are also other States\' shorthand: write the State\'s name');
    expect(note('Iran (Islamic Republic of)')).toEqual(['IRN', null]);
    // an inverted name put back in order: "Republic of the Gambia" is one of the Gambia's other names
    expect(note('Gambia, Republic of the')).toEqual(['GMB', 'the State "Gambia, Republic of the" read as Gambia']);
    expect(note('Trinidad & Tobago')).toEqual(['TTO', 'the State "Trinidad & Tobago" read as Trinidad and Tobago']);
    expect(note('St Vincent & the Grenadines')).toEqual(['VCT', 'the State "St Vincent & the Grenadines" read as Saint Vincent and the Grenadines']);
    expect(note('Cote dIvoire')).toEqual(['CIV', 'the State "Cote dIvoire" read as Côte d\'Ivoire']);
    // the formal French and Spanish names of French and Spanish sheets
    expect(
      ['Fédération de Russie', 'Federación de Rusia', "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", 'Estados Unidos de América', 'République arabe syrienne', 'République de Corée', 'Tchéquie', 'Chequia', 'État de Palestine', 'República Unida de Tanzanía', 'República Popular Democrática de Corea'].map(note),
    ).toEqual(['RUS', 'RUS', 'GBR', 'USA', 'SYR', 'KOR', 'CZE', 'CZE', 'PSE', 'TZA', 'PRK'].map((c) => [c, null]));
    expect(note('Pays-Bas (Royaume des)')).toEqual(['NLD', 'the State "Pays-Bas (Royaume des)" read as Netherlands']);
    // a footnote mark after the name is left out, and said
    expect(['Chile*', 'Peru (1)', 'Chile²', 'Mexico **', 'Peru [2]'].map(note)).toEqual([
      ['CHL', 'the State "Chile*" read as Chile ("*" taken for a footnote mark)'],
      ['PER', 'the State "Peru (1)" read as Peru ("(1)" taken for a footnote mark)'],
      ['CHL', 'the State "Chile²" read as Chile ("²" taken for a footnote mark)'],
      ['MEX', 'the State "Mexico **" read as Mexico ("**" taken for a footnote mark)'],
      ['PER', 'the State "Peru [2]" read as Peru ("[2]" taken for a footnote mark)'],
    ]);
    expect(note('DRC*')).toEqual(['COD', 'the State "DRC" read as Democratic Republic of the Congo ("*" taken for a footnote mark)']);
    // a part of several States' names is refused with the candidates; of one, with a suggestion
    expect(note('Korea')).toBe('"Korea" could mean several States (Democratic People\'s Republic of Korea, Republic of Korea): write the State\'s UN name');
    expect(note('Grenadines')).toBe('unknown State "Grenadines": perhaps Saint Vincent and the Grenadines? Write its UN name, or add the name under States');
    // Niger and Nigeria, Sudan and South Sudan stay apart
    expect(note('Niger')).toEqual(['NER', null]);
    expect(note('South Sudan')).toEqual(['SSD', null]);
  });

  test('the user edits a State’s other names; the import then finds it by them; another State’s name is refused', async () => {
    const { api } = await freshApi('2026-11-29');
    const peru = await call(api, 'states:get', { code: 'PER' });
    const input = { code: 'PER', nameEn: peru.name_en, nameFr: peru.name_fr, nameEs: peru.name_es, kind: 'member', regionalGroup: peru.regional_group };
    const csv = (name: string) => ({ fileName: 'p.csv', bytes: new TextEncoder().encode(`state,mandate,status,requested_on\n${name},Special Rapporteur on the right to food,requested,2019\n`) });
    expect((await call(api, 'import:preview', csv('Piruw'))).rows[0]!.action).toBe('not imported: state: unknown State "Piruw": add it under States, or write its UN name');
    // the names it had stay as given back, one added
    await call(api, 'states:update', { ...input, otherNames: [...peru.otherNames, 'Piruw'] });
    expect((await call(api, 'states:get', { code: 'PER' })).otherNames.sort()).toEqual([...peru.otherNames, 'Piruw'].sort());
    expect((await call(api, 'import:preview', csv('piruw'))).rows[0]!.action).toBe('new request to Peru of 2019');
    expect(await fail(api, 'states:update', { ...input, otherNames: ['Chile'] })).toEqual({ code: 'rule', message: '"Chile" is already a name of Chile: the import could not tell the two apart.' });
    // removing it: the import no longer knows it
    await call(api, 'states:update', { ...input, otherNames: [] });
    expect((await call(api, 'states:get', { code: 'PER' })).otherNames).toEqual([]);
  });

  test('mandates are found by title, or by subject when only the role word differs', async () => {
    const { db } = await freshDatabase();
    const m = await MandateMatcher.load(db);
    const somalia = m.match('Independent Expert on the situation of human rights in Somalia');
    expect(somalia.ok && somalia.via).toBe('subject');
    const title = await db.selectFrom('mandates').select('title').where('id', '=', somalia.ok ? somalia.value : -1).executeTakeFirstOrThrow();
    expect(title.title).toBe('Mandate on the situation of human rights in Somalia');
    const torture = m.match('special rapporteur on torture and other cruel, inhuman or degrading treatment or punishment');
    expect(torture.ok && torture.via).toBe('title');
    expect(m.match('Special Rapporteur on cooking')).toEqual({ ok: false, reason: 'unknown mandate "Special Rapporteur on cooking": write its title, or enter "Special Rapporteur on cooking" as its mandate\'s short name under Mandates (files may then call it so); a mandate not yet recorded is added there' });
  });

  test('mandates are found by acronym, or by the one title with every word of a short name, with a note', async () => {
    const { db } = await freshDatabase();
    const m = await MandateMatcher.load(db);
    const titles = new Map((await db.selectFrom('mandates').select(['id', 'title']).execute()).map((r) => [r.id, r.title]));
    const read = (name: string) => {
      const r = m.match(name);
      return r.ok ? [titles.get(r.value), r.via] : r.reason;
    };
    expect(read('WGEID')).toEqual(['Working Group on Enforced or Involuntary Disappearances', 'acronym']);
    expect(read('WG-AD')).toEqual(['Working Group on Arbitrary Detention', 'acronym']);
    expect(read('SR on the rights of indigenous people')).toEqual(['Special Rapporteur on the rights of indigenous peoples', 'words']);
    expect(read('SR on migrants')).toEqual(['Special Rapporteur on the human rights of migrants', 'words']);
    // a country mandate titled "Mandate on ..." is found under any role
    expect(read('Special Rapporteur on Iran')).toEqual(['Mandate on the situation of human rights in the Islamic Republic of Iran', 'words']);
    // the role counts: no Independent Expert has "torture" in the title
    expect(read('Independent Expert on torture')).toBe(
      'unknown mandate "Independent Expert on torture": write its title as under Mandates (perhaps "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment"), or enter "Independent Expert on torture" as its mandate\'s short name under Mandates (files may then call it so)',
    );
    expect(read('SR on freedom')).toBe(
      '"SR on freedom" could mean several mandates ("Special Rapporteur on freedom of religion or belief", "Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism", "Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression", "Special Rapporteur on the rights to freedom of peaceful assembly and of association"): write the full title',
    );
  });

  test('a country mandate is found by its role and any name of its State, with a note', async () => {
    const { db } = await freshDatabase();
    const m = await MandateMatcher.load(db, await StateMatcher.load(db));
    const titles = new Map((await db.selectFrom('mandates').select(['id', 'title']).execute()).map((r) => [r.id, r.title]));
    const read = (name: string) => {
      const r = m.match(name);
      return r.ok ? [titles.get(r.value), r.note] : r.reason;
    };
    expect(read('SR Syria')).toEqual(['Mandate on the situation of human rights in the Syrian Arab Republic', 'the mandate "SR Syria" read as Mandate on the situation of human rights in the Syrian Arab Republic']);
    expect(read('SR DPRK')![0]).toBe("Special Rapporteur on the situation of human rights in the Democratic People's Republic of Korea");
    expect(read('Special Rapporteur on the situation of human rights in Burma')![0]).toBe('Special Rapporteur on the situation of human rights in Myanmar');
    expect(read('IE Haiti')![0]).toBe('Independent Expert on the situation of human rights in Haiti');
    expect([read('SR Palestine')![0], read('SR OPT')![0]]).toEqual(Array.from({ length: 2 }, () => 'Mandate on the situation of human rights in the Palestinian territories occupied since 1967'));
    // the role counts (a "Mandate on ..." title takes any), and a State with no country mandate names none
    expect(read('WG Syria')![0]).toBe('Mandate on the situation of human rights in the Syrian Arab Republic');
    expect(read('WG Myanmar')).toMatch(/^unknown mandate "WG Myanmar"/);
    expect(read('SR France')).toMatch(/^unknown mandate "SR France"/);
    // without the States to read names by, as before
    expect((await MandateMatcher.load(db)).match('SR Syria').ok).toBe(false);
  });

  test('country mandates know their subject State', async () => {
    const { db } = await freshDatabase();
    const rows = await db.selectFrom('mandates').select(['title', 'subject_state_code']).where('kind', '=', 'country').where('subject_state_code', 'is not', null).execute();
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r.subject_state_code]));
    expect(byTitle['Mandate on the situation of human rights in the Sudan']).toBe('SDN');
    expect(byTitle["Special Rapporteur on the situation of human rights in the Democratic People's Republic of Korea"]).toBe('PRK');
    expect(byTitle['Mandate on the situation of human rights in the Islamic Republic of Iran']).toBe('IRN');
  });

  test('mandates the Council ended carry their end date: the Sudan on 6 October 2020, Haiti and Côte d’Ivoire in 2017', async () => {
    const { db } = await freshDatabase();
    const ended = await db.selectFrom('mandates').select(['title', 'ended']).where('ended', 'is not', null).orderBy('title').execute();
    expect(ended).toEqual([
      { title: "Independent Expert on the situation of human rights in Côte d'Ivoire", ended: '2017' },
      { title: 'Independent Expert on the situation of human rights in Haiti', ended: '2017' },
      { title: 'Mandate on the situation of human rights in the Sudan', ended: '2020-10-06' },
    ]);
  });
});

describe('reference end dates on a database loaded before mandates.csv had them', () => {
  /** A copy of the reference folder whose mandates.csv has no `ended` column, as shipped before. */
  function referenceWithoutEnds(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cv-ref-'));
    for (const name of ['member_states.csv', 'standing_invitations.csv']) copyFileSync(join(DEFAULT_REFERENCE_DIR, name), join(dir, name));
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(DEFAULT_REFERENCE_DIR, 'mandates.csv'), 'utf8').replace(/\r\n?/g, '\n'), { header: true, skipEmptyLines: true });
    const fields = parsed.meta.fields!.filter((f) => f !== 'ended');
    writeFileSync(join(dir, 'mandates.csv'), Papa.unparse(parsed.data, { columns: fields }));
    return dir;
  }
  const SUDAN = 'Mandate on the situation of human rights in the Sudan';
  const HAITI = 'Independent Expert on the situation of human rights in Haiti';
  const CIV = "Independent Expert on the situation of human rights in Côte d'Ivoire";

  test('the next load sets them once, logged as the reference’s; a third load changes nothing', async () => {
    const { db } = await freshDatabase({ referenceDir: referenceWithoutEnds() });
    expect(await db.selectFrom('mandates').select('id').where('ended', 'is not', null).execute()).toEqual([]);
    expect(await loadReferenceData(db)).toEqual({ states: 0, names: 0, mandates: 0, mandateEnds: 3, standingInvitations: 0 });
    const sudan = await db.selectFrom('mandates').select(['id', 'ended']).where('title', '=', SUDAN).executeTakeFirstOrThrow();
    expect(sudan.ended).toBe('2020-10-06');
    const log = await historyOf(db, 'mandate', sudan.id);
    expect(log.map((e) => [e.action, e.source])).toEqual([
      ['create', 'reference'],
      ['update', 'reference'],
    ]);
    expect([log[1]!.before, log[1]!.after]).toEqual([{ ended: null }, { ended: '2020-10-06' }]);
    expect(await loadReferenceData(db)).toEqual({ states: 0, names: 0, mandates: 0, mandateEnds: 0, standingInvitations: 0 });
  });

  test('the user’s own end date, or their clearing it, stands; a mandate the user renamed still gets its date and is not added again', async () => {
    const { api, db } = await freshApi('2026-11-29', { referenceDir: referenceWithoutEnds() });
    const byTitle = (title: string) => db.selectFrom('mandates').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
    const haiti = await byTitle(HAITI);
    const civ = await byTitle(CIV);
    const sudan = await byTitle(SUDAN);
    // Haiti: the user's more precise date; Côte d'Ivoire: set, then cleared by the user; the Sudan: renamed only
    await call(api, 'mandates:update', { id: haiti.id, title: haiti.title, kind: 'country', subjectStateCode: 'HTI', ended: '2017-03-24' });
    await call(api, 'mandates:update', { id: civ.id, title: civ.title, kind: 'country', subjectStateCode: 'CIV', ended: '2018' });
    await call(api, 'mandates:update', { id: civ.id, title: civ.title, kind: 'country', subjectStateCode: 'CIV' });
    const renamed = 'Independent Expert on the situation of human rights in the Sudan';
    await call(api, 'mandates:update', { id: sudan.id, title: renamed, kind: 'country', subjectStateCode: 'SDN' });
    const count = async () => (await db.selectFrom('mandates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    expect(await count()).toBe(59);

    expect(await loadReferenceData(db)).toEqual({ states: 0, names: 0, mandates: 0, mandateEnds: 1, standingInvitations: 0 });
    expect(await count()).toBe(59);
    expect((await byTitle(HAITI)).ended).toBe('2017-03-24');
    expect((await byTitle(CIV)).ended).toBeNull();
    expect(await db.selectFrom('mandates').select(['id', 'ended']).where('title', '=', renamed).executeTakeFirstOrThrow()).toEqual({ id: sudan.id, ended: '2020-10-06' });
    // and a date the user changes later is never reset by a load
    await call(api, 'mandates:update', { id: sudan.id, title: renamed, kind: 'country', subjectStateCode: 'SDN', ended: '2020' });
    expect((await loadReferenceData(db)).mandateEnds).toBe(0);
    expect((await db.selectFrom('mandates').select('ended').where('id', '=', sudan.id).executeTakeFirstOrThrow()).ended).toBe('2020');
  });
});

