/**
 * The fields an imported file's columns can be read as. No imports: the renderer's Import screen
 * offers the same list for the user's column mapping (renderer/src/pages/ImportPage.tsx).
 */
export const IMPORT_FIELDS = [
  'state',
  'mandate',
  'status',
  'statusDetail',
  'requestedOn',
  'invitedOn',
  'openedBy',
  'reminders',
  'lastReminder',
  'lastDocument',
  'acceptedOn',
  'visitStart',
  'visitEnd',
  'notes',
  'priority',
  'documentType',
  'date',
  'reference',
  'direction',
  'form',
  'language',
  'proposedStart',
  'proposedEnd',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What the user can map a column to: a field, or `ignore`. */
export const MAPPING_TARGETS = [...IMPORT_FIELDS, 'ignore'] as const;
