/**
 * Showing the API's answer inside a react-hook-form form: an invalid_argument message names the
 * fields ("document.date: write a date as ..."), each goes under its field; anything else (a rule
 * of the field, a conflict) is shown once for the whole form.
 */
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './api';

/**
 * Puts an API error on the form.
 * @param fieldFor maps an API path ("document.date") to a form field, or undefined when none fits.
 */
export function showApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fieldFor: (apiPath: string) => Path<T> | undefined): void {
  if (error instanceof ApiError && error.code === 'invalid_argument') {
    const rest: string[] = [];
    for (const part of error.message.split('; ')) {
      const m = /^([\w.]+): (.*)$/.exec(part);
      const field = m ? fieldFor(m[1]!) : undefined;
      if (m && field) setError(field, { type: 'server', message: m[2]! });
      else rest.push(part);
    }
    if (rest.length) setError('root.server' as Path<T>, { type: 'server', message: rest.join('; ') });
    return;
  }
  // a rule about one field ("the visit ends before it starts") stands beside that field
  const field = error instanceof ApiError && error.field ? fieldFor(error.field) : undefined;
  if (field) setError(field, { type: 'server', message: (error as ApiError).message }, { shouldFocus: true });
  else setError('root.server' as Path<T>, { type: 'server', message: error instanceof Error ? error.message : String(error) });
}
