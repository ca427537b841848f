import { describe, expect, test } from 'vitest';
import { DomainError } from '../../db/errors';
import { checkNoPendingThread } from '../../db/requests';

/** The error checkNoPendingThread throws, as code and message. */
function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  return null;
}

describe('one pending request per mandate and State (checkNoPendingThread)', () => {
  test('no pending thread: any opening passes', () => {
    expect(refusal(() => checkNoPendingThread([], 'request', 'Bahrain'))).toBeNull();
    expect(refusal(() => checkNoPendingThread([], 'invitation', 'Bahrain'))).toBeNull();
    expect(refusal(() => checkNoPendingThread([], 'visit', 'Bahrain'))).toBeNull();
  });

  test('a request, an invitation or a visit on a new thread is refused, each told where it goes', () => {
    const pending = [{ id: 7, openedOn: '2019-03-04' }];
    expect(refusal(() => checkNoPendingThread(pending, 'request', 'Bahrain'))).toEqual({
      code: 'rule',
      message: 'A request of this mandate to Bahrain is pending since 2019-03-04 (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).',
    });
    expect(refusal(() => checkNoPendingThread(pending, 'invitation', 'Bahrain'))?.message).toBe(
      'A request of this mandate to Bahrain is pending since 2019-03-04 (no answer yet): record the State’s invitation on that request, where it is filed as its acceptance, instead of opening a new thread.',
    );
    expect(refusal(() => checkNoPendingThread(pending, 'visit', 'Bahrain'))?.message).toBe(
      'A request of this mandate to Bahrain is pending since 2019-03-04 (no answer yet): record the visit on that request, which it completes, instead of on a new thread.',
    );
  });

  test('with several pending threads (recorded before the rule) the oldest is named: earliest date, undated last, then the first recorded', () => {
    const message = (pending: { id: number; openedOn: string | null }[]) => refusal(() => checkNoPendingThread(pending, 'request', 'Peru'))?.message;
    // "2015" sorts before "2015-06" (the less precise first, as partialDate.ts compares)
    expect(
      message([
        { id: 3, openedOn: null },
        { id: 9, openedOn: '2015-06' },
        { id: 12, openedOn: '2015' },
      ]),
    ).toBe('A request of this mandate to Peru is pending since 2015 (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).');
    expect(message([{ id: 3, openedOn: null }])).toBe(
      'A request of this mandate to Peru is pending since an undated request (no answer yet): record a reminder on it instead of a new request (or, when this is that request with its date corrected, correct the date on it).',
    );
  });
});
