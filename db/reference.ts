/**
 * The reference data shipped in assets/reference (copied from public sources, see SOURCES.md):
 * the 193 Member States and 2 observer States with regional groups (and example territories),
 * their former names, the mandates, the standing invitations known.
 * French and Spanish names and other spellings come from the i18n-iso-countries and
 * world-countries packages. Loading is idempotent: it only inserts what is missing, so a second
 * load, or a load after the user edited a State, changes nothing. One exception, for mandates the
 * reference created: their `ended` date (mandates.csv `ended`, the Council ending a mandate) is
 * set or corrected on a database loaded before the file gave it, unless the user has changed that
 * date themselves (see {@link loadReferenceData}).
 */
import Papa from 'papaparse';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import worldCountries from 'world-countries';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordChange, nowIso, type Executor } from './changeLog';
import { REGIONAL_GROUPS, LANGUAGES, STATE_KINDS, type Language, type RegionalGroup, type StateKind } from './domain';
import { foldName, foldText } from './fold';
import { StateMatcher, mandateSubjectKey } from './matching';
import { isPartialDate } from './partialDate';
import type { Database } from './schema';
import type { Kysely } from 'kysely';

countries.registerLocale(en);
countries.registerLocale(fr);
countries.registerLocale(es);

/** Where the CSV files are when running from the source tree (tests, bench). */
export const DEFAULT_REFERENCE_DIR = fileURLToPath(new URL('../assets/reference/', import.meta.url));

function readCsv(dir: string, name: string): Record<string, string>[] {
  // the shipped files mix LF and CRLF line ends, as hand-edited CSVs often do
  const text = readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: ',' });
  if (parsed.errors.length > 0) throw new Error(`assets/reference/${name}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data;
}

/** Parses "Turkey (until 2022); Swaziland (until 2018)" into names with the year they ended. */
export function parseFormerNames(text: string): { name: string; until: string | null }[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*?)\s*\(until (\d{4}(?:-\d{2}(?:-\d{2})?)?)\)$/.exec(part);
      return m ? { name: m[1]!.trim(), until: m[2]! } : { name: part, until: null };
    });
}

/**
 * Inserts the reference data that is missing, in one transaction.
 *
 * Mandates are the reference's own when its change log shows it created them (so a mandate the
 * user renamed is still known, and not inserted again under its reference title). For those, the
 * `ended` column of mandates.csv (a partial date; empty when the mandate runs or its end is not
 * known for sure) is also written on a mandate already there when it differs, e.g. a database
 * created before the file had the column, unless a change that did not come from the reference
 * (the user's edit, `source` 'user' or 'import') has ever changed that mandate's `ended`: the
 * user's own date, or their clearing it, stands. Each such write is logged (source 'reference').
 * @returns how many States, names and mandates were inserted, and how many mandates had their end
 *   date set from the reference (`mandateEnds`); all 0 on a second load.
 * @throws Error when a file has an unknown kind, group or language, or an `ended` that is not a
 *   partial date.
 */
export async function loadReferenceData(db: Kysely<Database>, dir: string = DEFAULT_REFERENCE_DIR) {
  const states = readCsv(dir, 'member_states.csv');
  const mandates = readCsv(dir, 'mandates.csv');
  const invitations = readCsv(dir, 'standing_invitations.csv');
  return db.transaction().execute(async (trx) => {
    const inserted = { states: 0, names: 0, mandates: 0, mandateEnds: 0, standingInvitations: 0 };
    const existing = new Set((await trx.selectFrom('states').select('code').execute()).map((r) => r.code));
    const newStates = new Set<string>();
    const now = nowIso();
    for (const row of states) {
      const code = row.iso3!.trim();
      if (existing.has(code)) continue;
      const kind = row.kind as StateKind;
      if (!STATE_KINDS.includes(kind)) throw new Error(`member_states.csv: ${code} has unknown kind "${row.kind}"`);
      const group = row.un_regional_group?.trim() || null;
      if (group !== null && !REGIONAL_GROUPS.includes(group as RegionalGroup)) throw new Error(`member_states.csv: ${code} has unknown group "${group}"`);
      const language = (row.correspondence_language_default?.trim() || 'en') as Language;
      if (!LANGUAGES.includes(language)) throw new Error(`member_states.csv: ${code} has unknown language "${language}"`);
      const values = {
        code,
        name_en: row.un_name!.trim(),
        name_fr: countries.getName(code, 'fr') ?? row.un_name!.trim(),
        name_es: countries.getName(code, 'es') ?? row.un_name!.trim(),
        name_key: foldText(row.un_name!),
        kind,
        regional_group: group as RegionalGroup | null,
        standing_invitation: 0,
        standing_invitation_since: null,
        correspondence_language: language,
        mission_address: '',
        notes: row.notes?.trim() ?? '',
        updated_at: now,
      };
      await trx.insertInto('states').values(values).execute();
      await recordChange(trx, { entity: 'state', entityId: code, action: 'create', after: values, source: 'reference' });
      newStates.add(code);
      inserted.states++;
      const names: { name: string; kind: 'former' | 'alias'; until: string | null }[] = parseFormerNames(row.former_names ?? '').map((f) => ({ ...f, kind: 'former' }));
      const world = worldCountries.find((c) => c.cca3 === code);
      const aliases = [
        world?.name.common,
        world?.name.official,
        ...(world?.altSpellings ?? []).filter((a) => a.length > 3),
        ...(['en', 'fr', 'es'] as const).flatMap((lang) => countries.getName(code, lang, { select: 'all' }) ?? []),
      ];
      for (const alias of aliases) if (alias) names.push({ name: alias, kind: 'alias', until: null });
      for (const n of names) {
        const result = await trx
          .insertInto('state_names')
          .values({ state_code: code, name: n.name, name_key: foldName(n.name), kind: n.kind, until: n.until })
          .onConflict((oc) => oc.columns(['state_code', 'name_key']).doNothing())
          .executeTakeFirst();
        inserted.names += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
    }

    const stateMatcher = await StateMatcher.load(trx);
    const knownMandates = new Set((await trx.selectFrom('mandates').select('title_key').execute()).map((r) => r.title_key));
    const { created, endEditedByUser } = await referenceMandates(trx);
    for (const k of created.keys()) knownMandates.add(k);
    for (const row of mandates) {
      const title = row.name!.trim();
      const titleKey = foldName(title);
      const ended = row.ended?.trim() || null;
      if (ended !== null && !isPartialDate(ended)) throw new Error(`mandates.csv: ${title} has an end "${ended}" that is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
      if (knownMandates.has(titleKey)) {
        const id = created.get(titleKey);
        if (id === undefined || endEditedByUser.has(id)) continue; // the user's mandate, or the user's end date
        const mandate = await trx.selectFrom('mandates').select(['ended']).where('id', '=', id).executeTakeFirst();
        if (!mandate || mandate.ended === ended) continue;
        await trx.updateTable('mandates').set({ ended, updated_at: now }).where('id', '=', id).execute();
        await recordChange(trx, { entity: 'mandate', entityId: id, action: 'update', before: { ended: mandate.ended }, after: { ended }, source: 'reference' });
        inserted.mandateEnds++;
        continue;
      }
      const kind = row.type === 'country' ? 'country' : 'thematic';
      const values = {
        title,
        title_key: titleKey,
        short_name: '',
        short_key: '',
        kind,
        subject_state_code: kind === 'country' ? countrySubject(title, stateMatcher) : null,
        established: row.year_established && isPartialDate(row.year_established.trim()) ? row.year_established.trim() : null,
        ended,
        notes: row.notes?.trim() ?? '',
        updated_at: now,
      } as const;
      const { id } = await trx.insertInto('mandates').values(values).returning('id').executeTakeFirstOrThrow();
      await recordChange(trx, { entity: 'mandate', entityId: id, action: 'create', after: values, source: 'reference' });
      knownMandates.add(titleKey);
      inserted.mandates++;
    }

    for (const row of invitations) {
      const match = stateMatcher.match(row.state ?? '');
      if (!match.ok) throw new Error(`standing_invitations.csv: ${match.reason}`);
      if (!newStates.has(match.value)) continue; // never undo a user's edit of an existing State
      const since = row.date_extended?.trim() || null;
      await trx
        .updateTable('states')
        .set({ standing_invitation: 1, standing_invitation_since: since && isPartialDate(since) ? since : null })
        .where('code', '=', match.value)
        .execute();
      inserted.standingInvitations++;
    }
    return inserted;
  });
}

/**
 * What the change log says of the mandates: the ones the reference created (title key at
 * creation -> id) and those whose `ended` a change not from the reference ever changed (ids).
 */
async function referenceMandates(trx: Executor) {
  const rows = await trx
    .selectFrom('change_log')
    .select(['entity_id', 'action', 'before', 'after', 'source'])
    .where('entity', '=', 'mandate')
    .where('action', 'in', ['create', 'update'])
    .orderBy('id')
    .execute();
  const created = new Map<string, number>();
  const endEditedByUser = new Set<number>();
  const parse = (text: string | null) => (text === null ? {} : (JSON.parse(text) as { title_key?: string; ended?: string | null }));
  for (const row of rows) {
    const id = Number(row.entity_id);
    if (row.action === 'create') {
      const after = parse(row.after);
      if (row.source === 'reference' && after.title_key) created.set(after.title_key, id);
    } else if (row.source !== 'reference') {
      const before = parse(row.before);
      const after = parse(row.after);
      if ('ended' in after && (before.ended ?? null) !== (after.ended ?? null)) endEditedByUser.add(id);
    }
  }
  return { created, endEditedByUser };
}

/** The State a country mandate's title names after "in" ("... in the Sudan" -> SDN), if any. */
function countrySubject(title: string, matcher: StateMatcher): string | null {
  const subject = mandateSubjectKey(title);
  const m = /situation of human rights in (.+)$/.exec(subject);
  if (!m) return null;
  const found = matcher.match(m[1]!);
  return found.ok ? found.value : null;
}

