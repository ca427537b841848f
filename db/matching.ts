/**
 * Matching the names people write to the records: States through current, former and other
 * names (accents, apostrophes, case and a leading "The" folded away), mandates by title, short
 * name, or the subject of the title when only the role word differs ("Independent Expert on the
 * situation of human rights in Somalia" is the mandate on the situation of human rights in Somalia).
 * An ambiguous name is reported, never guessed.
 */
import { foldName } from './fold';
import type { Executor } from './changeLog';

export type MatchResult<T> = { ok: true; value: T; via: string } | { ok: false; reason: string };

/** Name lookups of every State, built once per import from the database. */
export class StateMatcher {
  private readonly levels: Map<string, Set<string>>[] = [new Map(), new Map(), new Map()];
  private readonly codes = new Set<string>();

  static async load(db: Executor): Promise<StateMatcher> {
    const matcher = new StateMatcher();
    const states = await db.selectFrom('states').select(['code', 'name_en', 'name_fr', 'name_es']).execute();
    for (const s of states) {
      matcher.codes.add(s.code);
      for (const name of [s.name_en, s.name_fr, s.name_es]) matcher.add(0, name, s.code);
    }
    const names = await db.selectFrom('state_names').select(['state_code', 'name', 'kind']).execute();
    for (const n of names) matcher.add(n.kind === 'former' ? 1 : 2, n.name, n.state_code);
    return matcher;
  }

  private add(level: number, name: string, code: string) {
    const key = foldName(name);
    if (!key) return;
    const map = this.levels[level]!;
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(code);
  }

  /**
   * Finds the State a name means: current UN names (English, French, Spanish) first, then former
   * names, then other common names; an ISO alpha-3 code also matches.
   */
  match(name: string): MatchResult<string> {
    const trimmed = name.trim();
    if (!trimmed) return { ok: false, reason: 'no State given' };
    if (/^[A-Z]{3}$/.test(trimmed) && this.codes.has(trimmed)) return { ok: true, value: trimmed, via: 'code' };
    const key = foldName(trimmed);
    const labels = ['current name', 'former name', 'other name'];
    for (let level = 0; level < this.levels.length; level++) {
      const found = this.levels[level]!.get(key);
      if (!found) continue;
      if (found.size === 1) return { ok: true, value: [...found][0]!, via: labels[level]! };
      return { ok: false, reason: `"${trimmed}" could mean several States (${[...found].sort().join(', ')}): write the State's UN name` };
    }
    return { ok: false, reason: `unknown State "${trimmed}": add it under States, or write its UN name` };
  }
}

const ROLE = /^(special rapporteur|independent expert|working group|mandate|special representative|expert mechanism)s?( of the secretary general)? (on|for) /;

/** The subject of a mandate title without its role words ("Special Rapporteur on X" -> "x"). */
export function mandateSubjectKey(title: string): string {
  return foldName(title).replace(ROLE, '');
}

/** Mandate lookups by title, short name and subject. */
export class MandateMatcher {
  private readonly byTitle = new Map<string, number>();
  private readonly byShort = new Map<string, Set<number>>();
  private readonly bySubject = new Map<string, Set<number>>();

  static async load(db: Executor): Promise<MandateMatcher> {
    const matcher = new MandateMatcher();
    const rows = await db.selectFrom('mandates').select(['id', 'title', 'short_name']).execute();
    for (const m of rows) {
      matcher.byTitle.set(foldName(m.title), m.id);
      if (m.short_name.trim()) addTo(matcher.byShort, foldName(m.short_name), m.id);
      addTo(matcher.bySubject, mandateSubjectKey(m.title), m.id);
    }
    return matcher;
  }

  /** Finds a mandate by exact title, then short name, then the same subject under another role word. */
  match(name: string): MatchResult<number> {
    const trimmed = name.trim();
    if (!trimmed) return { ok: false, reason: 'no mandate given' };
    const key = foldName(trimmed);
    const exact = this.byTitle.get(key);
    if (exact !== undefined) return { ok: true, value: exact, via: 'title' };
    for (const [map, via] of [
      [this.byShort, 'short name'],
      [this.bySubject, 'subject'],
    ] as const) {
      const found = map.get(via === 'subject' ? mandateSubjectKey(trimmed) : key);
      if (!found) continue;
      if (found.size === 1) return { ok: true, value: [...found][0]!, via };
      return { ok: false, reason: `"${trimmed}" could mean several mandates: write the full title` };
    }
    return { ok: false, reason: `unknown mandate "${trimmed}": add it under Mandates, or write its title` };
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  if (!map.has(key)) map.set(key, new Set());
  map.get(key)!.add(value);
}
