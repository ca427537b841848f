import { describe, expect, it } from 'vitest';
import { call, fail, freshApi } from '../support/db';

describe('settings channels', () => {
  it('answers the defaults before anything is stored', async () => {
    const { api } = await freshApi();
    expect(await call(api, 'settings:get', {})).toEqual({ myMandateIds: [], letterLanguageDefault: 'state' });
  });

  it('stores my mandates and the letter language, each key on its own', async () => {
    const { api, db } = await freshApi();
    const mandates = await call(api, 'mandates:list', {});
    const [a, b] = mandates;
    const after = await call(api, 'settings:set', { myMandateIds: [a!.id, b!.id, a!.id] });
    expect(after).toEqual({ myMandateIds: [a!.id, b!.id], letterLanguageDefault: 'state' });
    await call(api, 'settings:set', { letterLanguageDefault: 'fr' });
    expect(await call(api, 'settings:get', {})).toEqual({ myMandateIds: [a!.id, b!.id], letterLanguageDefault: 'fr' });
    const rows = await db.selectFrom('settings').selectAll().orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'letterLanguageDefault', value: '"fr"' },
      { key: 'myMandateIds', value: JSON.stringify([a!.id, b!.id]) },
    ]);
    const log = await db.selectFrom('change_log').selectAll().where('entity', '=', 'setting').execute();
    expect(log).toHaveLength(2);
  });

  it('refuses unknown keys, wrong values and unknown mandates, and writes nothing', async () => {
    const { api, db } = await freshApi();
    expect((await fail(api, 'settings:set', { colour: 'blue' })).code).toBe('invalid_argument');
    expect((await fail(api, 'settings:set', { letterLanguageDefault: 'de' })).code).toBe('invalid_argument');
    expect((await fail(api, 'settings:set', { myMandateIds: [0] })).code).toBe('invalid_argument');
    expect((await fail(api, 'settings:set', { myMandateIds: [999_999] })).code).toBe('not_found');
    expect(await db.selectFrom('settings').selectAll().execute()).toEqual([]);
  });

  it('reads a stored value that no longer fits as its default', async () => {
    const { api, db } = await freshApi();
    await db.insertInto('settings').values([
      { key: 'myMandateIds', value: '"not a list"' },
      { key: 'letterLanguageDefault', value: '{broken' },
    ]).execute();
    expect(await call(api, 'settings:get', {})).toEqual({ myMandateIds: [], letterLanguageDefault: 'state' });
  });
});
