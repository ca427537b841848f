import { describe, expect, test } from 'vitest';
import { loadReferenceData, parseFormerNames } from '../../db/reference';
import { StateMatcher, MandateMatcher } from '../../db/matching';
import { call, freshApi, freshDatabase } from '../support/db';

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
    expect(await loadReferenceData(db)).toEqual({ states: 0, names: 0, mandates: 0, standingInvitations: 0 });
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
    expect(m.match('Special Rapporteur on cooking')).toEqual({ ok: false, reason: 'unknown mandate "Special Rapporteur on cooking": add it under Mandates, or write its title' });
  });

  test('country mandates know their subject State', async () => {
    const { db } = await freshDatabase();
    const rows = await db.selectFrom('mandates').select(['title', 'subject_state_code']).where('kind', '=', 'country').where('subject_state_code', 'is not', null).execute();
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r.subject_state_code]));
    expect(byTitle['Mandate on the situation of human rights in the Sudan']).toBe('SDN');
    expect(byTitle["Special Rapporteur on the situation of human rights in the Democratic People's Republic of Korea"]).toBe('PRK');
    expect(byTitle['Mandate on the situation of human rights in the Islamic Republic of Iran']).toBe('IRN');
  });
});
