/**
 * The user's settings, one row per key in the `settings` table, the value as JSON.
 * Keys and their schemas live in contract.ts (`settingsValues`); a stored value that no longer
 * fits its schema (a hand-edited file, a mandate since deleted) reads as the default instead of
 * breaking the app.
 */
import { nowIso, recordChange, type ChangeSource, type Executor } from './changeLog';
import { settingsValues, type Settings, type SettingsInput } from './contract';
import { notFound } from './errors';

const KEYS = Object.keys(settingsValues.shape) as (keyof Settings)[];

/** Every setting, stored or default. */
export async function getSettings(db: Executor): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', KEYS).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value) as unknown;
    } catch {
      // unreadable JSON: the key falls back to its default below
    }
  }
  const settings = settingsValues.parse({});
  for (const key of KEYS) {
    if (!(key in stored)) continue;
    const parsed = settingsValues.shape[key].safeParse(stored[key]);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}

/**
 * Writes the given settings (the others stay), each change in the change log.
 * Call inside a transaction. @returns every setting after the write.
 * @throws DomainError('not_found') when a mandate of `myMandateIds` does not exist.
 */
export async function setSettings(db: Executor, input: SettingsInput, source: ChangeSource = 'user'): Promise<Settings> {
  if (input.myMandateIds?.length) {
    const ids = [...new Set(input.myMandateIds)];
    const found = await db.selectFrom('mandates').select('id').where('id', 'in', ids).execute();
    const missing = ids.find((id) => !found.some((m) => m.id === id));
    if (missing !== undefined) throw notFound(`Mandate ${missing}`);
    input = { ...input, myMandateIds: ids };
  }
  const before = await getSettings(db);
  for (const key of KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await db
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
    await recordChange(db, { entity: 'setting', entityId: key, action: 'update', before: before[key], after: { value, at: nowIso() }, source });
  }
  return getSettings(db);
}
