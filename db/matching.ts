/**
 * Matching the names people write to the records: States through current, former and other
 * names (accents, apostrophes, case and a leading "The" folded away), mandates by title, short
 * name, or the subject of the title when only the role word differs ("Independent Expert on the
 * situation of human rights in Somalia" is the mandate on the situation of human rights in Somalia).
 * Then looser readings that spreadsheets need, each reported beside the row (`note`): a State's
 * usual abbreviation, an inverted or abbreviated name ("Congo, Democratic
 * Republic of the", "St. Lucia", "Cote dIvoire"); a mandate's acronym ("WGAD") or a shortened
 * title whose words only one title has ("SR on torture").
 * An ambiguous name is reported, never guessed.
 */
import worldCountries from 'world-countries';
import { foldName } from './fold';
import type { Executor } from './changeLog';

/** A match; `note` says how a loose reading read the name, for the import to show beside the row. */
export type MatchResult<T> = { ok: true; value: T; via: string; note?: string } | { ok: false; reason: string };

/**
 * Abbreviations of States found in UN correspondence and assistants' spreadsheets that the
 * country-data package (world-countries `altSpellings`, which gives DRC, DPRK, UAE, UK, USA) lacks.
 */
const STATE_ABBREVIATIONS: Record<string, string> = { FYROM: 'MKD', CAR: 'CAF', OPT: 'PSE', 'LAO PDR': 'LAO', ROK: 'KOR' };
/** Names the UN uses for a State's territory, read with a note as the State: the Palestine mandate's "Palestinian territories occupied since 1967". */
const TERRITORY_NAMES: Record<string, string> = {
  'Occupied Palestinian Territory': 'PSE',
  'Occupied Palestinian Territories': 'PSE',
  'Palestinian territories': 'PSE',
  'Palestinian territories occupied since 1967': 'PSE',
  'Palestinian territory occupied since 1967': 'PSE',
};

/** A name and a footnote mark after it: asterisks, daggers, superscript digits, a bracketed number ("Peru (1)"). */
const FOOTNOTE = /^(.*?\S)\s*(\*+|[†‡]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)|\[\d{1,2}\])$/u;

/** Words a State's name may have or lack and mean the same State ("Trinidad & Tobago", "Republic of Korea"). */
const NAME_FILLERS = new Set(['the', 'of', 'and', 'de', 'del', 'la', 'le', 'les', 'los', 'las', 'el', 'et', 'y']);

/**
 * The loosest key of a State name: an inverted name put back in order ("Congo, Democratic Republic
 * of the" and "Iran (Islamic Republic of)" read as "Democratic Republic of the Congo", "Islamic
 * Republic of Iran"), "St." read as Saint, filler words and spaces dropped ("Cote dIvoire" meets
 * "Côte d'Ivoire").
 */
export function looseStateKey(name: string): string {
  let text = name.trim();
  const inverted = /^(.+?)\s*[,(]\s*(.+?)\s*\)?$/.exec(text);
  if (inverted && /\b(of|of the|de|de la|del|d|des|du)$/.test(foldName(inverted[2]!))) text = `${inverted[2]} ${inverted[1]}`;
  return foldName(text)
    .split(' ')
    .map((w) => (w === 'saint' || w === 'sainte' ? 'st' : w))
    .filter((w) => !NAME_FILLERS.has(w))
    .join('');
}

/** Name lookups of every State, built once per import from the database. */
export class StateMatcher {
  /** Current names, former names, other names (the user's and the reference's), abbreviations, loose keys. */
  private readonly levels: Map<string, Set<string>>[] = [new Map(), new Map(), new Map(), new Map(), new Map()];
  private readonly names = new Map<string, string>();
  /** ISO alpha-2 codes, read as no State: offices write "SA" for South Africa as often as Saudi Arabia has it. */
  private readonly alpha2 = new Map<string, string>();

  static async load(db: Executor): Promise<StateMatcher> {
    const matcher = new StateMatcher();
    const states = await db.selectFrom('states').select(['code', 'name_en', 'name_fr', 'name_es']).execute();
    for (const s of states) {
      matcher.names.set(s.code, s.name_en);
      for (const name of [s.name_en, s.name_fr, s.name_es]) matcher.add(0, name, s.code);
    }
    const names = await db.selectFrom('state_names').select(['state_code', 'name', 'kind']).execute();
    for (const n of names) matcher.add(n.kind === 'former' ? 1 : 2, n.name, n.state_code);
    for (const country of worldCountries) {
      if (!matcher.names.has(country.cca3)) continue;
      matcher.alpha2.set(country.cca2, country.cca3);
      for (const a of country.altSpellings) if (/^[A-Z]{2,5}$/.test(a) && a !== country.cca2) matcher.add(3, a, country.cca3);
      // the formal French and Spanish names French and Spanish sheets write ("Fédération de Russie", "República Árabe Siria")
      for (const t of [country.translations.fra, country.translations.spa]) if (t) for (const name of [t.official, t.common]) matcher.add(2, name, country.cca3);
    }
    for (const [a, code] of Object.entries({ ...STATE_ABBREVIATIONS, ...TERRITORY_NAMES })) if (matcher.names.has(code)) matcher.add(3, a, code);
    return matcher;
  }

  private add(level: number, name: string, code: string) {
    const key = foldName(name);
    if (!key) return;
    addTo(this.levels[level]!, key, code);
    if (level <= 2) addTo(this.levels[4]!, looseStateKey(name), code);
  }

  /**
   * Finds the State a name means: current UN names (English, French, Spanish) first, then former
   * names, then other names; an ISO alpha-3 code also matches. Then, with a `note`: a usual
   * abbreviation (in capitals), and the {@link looseStateKey} of any of those names; a footnote
 * mark after the name ("Chile*", "Peru (1)") is left out, with a note. A two-letter
   * ISO code is refused with the State it would be: the same letters are other States' shorthand.
   */
  match(name: string): MatchResult<string> {
    const trimmed = name.trim();
    if (!trimmed) return { ok: false, reason: 'no State given' };
    // a footnote mark after the name ("Chile*", "Peru (1)", "Chile²"), read and noted
    const footnote = FOOTNOTE.exec(trimmed);
    if (footnote) {
      const inner = this.match(footnote[1]!);
      if (!inner.ok) return inner;
      const left = `"${footnote[2]}" taken for a footnote mark`;
      return { ...inner, note: inner.note ? `${inner.note} (${left})` : `the State "${trimmed}" read as ${this.names.get(inner.value)} (${left})` };
    }
    if (/^[A-Z]{3}$/.test(trimmed) && this.names.has(trimmed)) return { ok: true, value: trimmed, via: 'code' };
    const key = foldName(trimmed);
    const labels = ['current name', 'former name', 'other name', 'abbreviation', 'loose name'];
    const readAs = (code: string) => `the State "${trimmed}" read as ${this.names.get(code)}`;
    for (let level = 0; level < this.levels.length; level++) {
      const found = this.levels[level]!.get(level === 4 ? looseStateKey(trimmed) : key);
      if (!found) continue;
      if (found.size === 1) {
        const code = [...found][0]!;
        return { ok: true, value: code, via: labels[level]!, ...(level >= 3 ? { note: readAs(code) } : {}) };
      }
      return { ok: false, reason: `"${trimmed}" could mean several States (${[...found].sort().join(', ')}): write the State's UN name` };
    }
    // "Pays-Bas (Royaume des)": the UN's bracketed form of government, with the name before it one State's
    const form = /^(.+?)\s*\((.+)\)$/.exec(trimmed);
    if (form && /\b(of|of the|de|de la|del|d|des|du)$/.test(foldName(form[2]!))) {
      const bare = this.match(form[1]!);
      if (bare.ok) return { ...bare, note: `the State "${trimmed}" read as ${this.names.get(bare.value)}` };
    }
    // part of States' names ("Korea"): the candidates are named, never guessed
    const within = key.length >= 4 ? [...this.names].filter(([, n]) => ` ${foldName(n)} `.includes(` ${key} `)).map(([, n]) => n) : [];
    if (within.length > 1) return { ok: false, reason: `"${trimmed}" could mean several States (${within.sort().join(', ')}): write the State's UN name` };
    if (within.length === 1) return { ok: false, reason: `unknown State "${trimmed}": perhaps ${within[0]}? Write its UN name, or add the name under States` };
    const alpha2 = /^[A-Za-z]{2}$/.test(trimmed) && this.alpha2.get(trimmed.toUpperCase());
    if (alpha2) return { ok: false, reason: `"${trimmed}" is not read as a State: it is the ISO code of ${this.names.get(alpha2)}, but two letters are also other States' shorthand: write the State's name` };
    return { ok: false, reason: `unknown State "${trimmed}": add it under States, or write its UN name` };
  }
}

/** A name that is a role and a State: "SR Syria", "Special Rapporteur on the DPRK", "IE on Mali". */
const COUNTRY_NAME = /^(SR|special rapporteur|IE|independent expert|WG|working group)\s+(?:(?:on|for|in)\s+)?(?:the\s+situation\s+of\s+human\s+rights\s+in\s+)?(.+)$/i;

const ROLE = /^(special rapporteur|independent expert|working group|mandate|special representative|expert mechanism)s?( of the secretary general)? (on|for) /;

/** The subject of a mandate title without its role words ("Special Rapporteur on X" -> "x"). */
export function mandateSubjectKey(title: string): string {
  return foldName(title).replace(ROLE, '');
}

/** Words of a mandate title that say nothing of which mandate it is. */
const MANDATE_FILLERS = new Set(['on', 'of', 'the', 'and', 'or', 'in', 'to', 'for', 'a', 'an', 'its', 'their', 'as', 'by', 'with', 'while', 'at']);
const ROLE_WORDS: Record<string, string> = { sr: 'special rapporteur', 'special rapporteur': 'special rapporteur', ie: 'independent expert', 'independent expert': 'independent expert', wg: 'working group', 'working group': 'working group', mandate: 'mandate' };
/** Words too common in titles to tell mandates apart, left out of the suggestions. */
const COMMON_WORDS = new Set(['human', 'right', 'situation', 'promotion', 'protection', 'enjoyment', 'all', 'everyone']);

/**
 * A mandate name as its role and the set of its other words, folded, function words dropped, a
 * final "s" dropped so that "peoples" meets "people": "SR on torture" is the special rapporteur
 * with {torture}. SR, IE and WG are read as Special Rapporteur, Independent Expert, Working Group.
 */
function mandateWords(name: string): { role: string | null; words: Set<string> } {
  let key = foldName(name);
  const role = /^(sr|special rapporteur|ie|independent expert|wg|working group|mandate)s?( of experts)?\b/.exec(key);
  if (role) key = key.slice(role[0].length);
  const words = key.split(' ').filter((w) => w && !MANDATE_FILLERS.has(w)).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return { role: role ? ROLE_WORDS[role[1]!]! : null, words: new Set(words) };
}

/** A title's acronym as mandates are known by ("Working Group on Arbitrary Detention" -> WGAD): initials of its words but function words. */
function mandateAcronym(title: string): string {
  return foldName(title).split(' ').filter((w) => !MANDATE_FILLERS.has(w)).map((w) => w[0]).join('').toUpperCase();
}

/** Mandate lookups by title, short name, subject, acronym and words. */
export class MandateMatcher {
  private readonly byTitle = new Map<string, number>();
  private readonly byShort = new Map<string, Set<number>>();
  private readonly bySubject = new Map<string, Set<number>>();
  private readonly byAcronym = new Map<string, Set<number>>();
  private readonly all: { id: number; title: string; role: string | null; words: Set<string>; subjectStateCode: string | null }[] = [];

  /** @param states reads the State a country mandate's name gives ("SR Syria", "SR DPRK"), when given. */
  private constructor(private readonly states?: StateMatcher) {}

  static async load(db: Executor, states?: StateMatcher): Promise<MandateMatcher> {
    const matcher = new MandateMatcher(states);
    const rows = await db.selectFrom('mandates').select(['id', 'title', 'short_name', 'kind', 'subject_state_code']).execute();
    for (const m of rows) {
      matcher.byTitle.set(foldName(m.title), m.id);
      if (m.short_name.trim()) addTo(matcher.byShort, foldName(m.short_name), m.id);
      addTo(matcher.bySubject, mandateSubjectKey(m.title), m.id);
      addTo(matcher.byAcronym, mandateAcronym(m.title), m.id);
      matcher.all.push({ id: m.id, title: m.title, ...mandateWords(m.title), subjectStateCode: m.kind === 'country' ? m.subject_state_code : null });
    }
    return matcher;
  }

  /**
   * Finds a mandate by exact title, then short name, then the same subject under another role
   * word; then, with a `note`, by acronym ("WGEID", in capitals) or by words: the one title that
   * has every word of the name under the same role ("SR on torture", "Special Rapporteur on Iran"
   * for the mandate on the situation of human rights in the Islamic Republic of Iran).
   * An unknown name's reason suggests the titles that share most of its words.
   */
  match(name: string): MatchResult<number> {
    const trimmed = name.trim();
    if (!trimmed) return { ok: false, reason: 'no mandate given' };
    const key = foldName(trimmed);
    const exact = this.byTitle.get(key);
    if (exact !== undefined) return { ok: true, value: exact, via: 'title' };
    const several = (ids: Iterable<number>) => ({ ok: false as const, reason: `"${trimmed}" could mean several mandates (${this.titles(ids)}): write the full title` });
    for (const [map, via] of [
      [this.byShort, 'short name'],
      [this.bySubject, 'subject'],
    ] as const) {
      const found = map.get(via === 'subject' ? mandateSubjectKey(trimmed) : key);
      if (!found) continue;
      if (found.size === 1) return { ok: true, value: [...found][0]!, via };
      return several(found);
    }
    const readAs = (id: number) => `the mandate "${trimmed}" read as ${this.all.find((m) => m.id === id)!.title}`;
    if (/^[A-Z][A-Z-]{2,11}$/.test(trimmed)) {
      const found = this.byAcronym.get(trimmed.replace(/-/g, ''));
      if (found?.size === 1) return { ok: true, value: [...found][0]!, via: 'acronym', note: readAs([...found][0]!) };
      if (found) return several(found);
    }
    const given = mandateWords(trimmed);
    if (given.words.size > 0) {
      const fits = this.all.filter((m) => (given.role === null || m.role === 'mandate' || m.role === given.role) && [...given.words].every((w) => m.words.has(w)));
      if (fits.length === 1) return { ok: true, value: fits[0]!.id, via: 'words', note: readAs(fits[0]!.id) };
      if (fits.length > 1) return several(fits.map((m) => m.id));
    }
    // a country mandate by its role and State, in any of the State's names ("SR Syria", "SR on the DPRK", "IE Mali")
    const state = this.states && COUNTRY_NAME.exec(trimmed);
    if (state) {
      const code = this.states!.match(state[2]!);
      const fits = code.ok ? this.all.filter((m) => m.subjectStateCode === code.value && (given.role === null || m.role === 'mandate' || m.role === given.role)) : [];
      if (fits.length === 1) return { ok: true, value: fits[0]!.id, via: 'words', note: readAs(fits[0]!.id) };
      if (fits.length > 1) return several(fits.map((m) => m.id));
    }
    const shared = (m: { words: Set<string> }) => [...given.words].filter((w) => !COMMON_WORDS.has(w) && m.words.has(w)).length;
    const best = Math.max(0, ...this.all.map(shared));
    const close = best > 0 ? this.all.filter((m) => shared(m) === best).slice(0, 3) : [];
    // the name may be a mandate's usual short name, which its page takes: said before offering a new mandate
    const shortName = `, or enter "${trimmed}" as its mandate's short name under Mandates (files may then call it so)`;
    if (close.length === 0) return { ok: false, reason: `unknown mandate "${trimmed}": write its title${shortName}; a mandate not yet recorded is added there` };
    return { ok: false, reason: `unknown mandate "${trimmed}": write its title as under Mandates (perhaps ${this.titles(close.map((m) => m.id), ' or ')})${shortName}` };
  }

  private titles(ids: Iterable<number>, joiner = ', '): string {
    const titles = [...ids].map((id) => `"${this.all.find((m) => m.id === id)!.title}"`).sort();
    return titles.length > 4 ? `${titles.slice(0, 4).join(joiner)} and ${titles.length - 4} more` : titles.join(joiner);
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  if (!map.has(key)) map.set(key, new Set());
  map.get(key)!.add(value);
}
