/**
 * The field's vocabularies for the UI's lists: those of db/domain.ts, which has no dependency and
 * is bundled into the renderer as it is (one list for the database's checks and the screens).
 */
export {
  DIRECTIONS,
  DOCUMENT_FORMS,
  DOCUMENT_TYPES,
  FIXED_DIRECTION,
  LANGUAGES,
  MANDATE_KINDS,
  PRIORITIES,
  REGIONAL_GROUPS,
  STATE_KINDS,
  STATUSES,
  usualDirection,
} from '../../../db/domain';
import type { DocumentForm, DocumentType, Direction, Language, MandateKind, Priority, RegionalGroup, StateKind, Status } from '../../../db/domain';

/** Types that carry proposed dates. */
export const TYPES_WITH_PROPOSED_DATES: readonly DocumentType[] = ['dates_proposal', 'postponement'];

export type { DocumentForm, DocumentType, Direction, Language, MandateKind, Priority, RegionalGroup, StateKind, Status };
