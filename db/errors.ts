/** Errors the domain raises on purpose; db/api.ts turns them into `{ ok: false, error }` results. */
import type { ErrorCode } from './contract';

export class DomainError extends Error {
  /**
   * @param headers for an import whose columns could not be read: the header row it was read
   *   from, so that the user can map its columns to fields and try again.
   * @param field the argument a rule is about (its name in the channel's argument: "end",
   *   "proposedEnd"), for a form to show the message beside that field.
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers?: string[],
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A write that would break a rule of the field (a reminder with no request, a date before the request...). */
export const ruleError = (message: string, field?: string) => new DomainError('rule', message, undefined, field);
export const notFound = (what: string) => new DomainError('not_found', `${what} does not exist`);
export const conflict = (message: string) => new DomainError('conflict', message);
