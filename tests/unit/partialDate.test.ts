import { describe, expect, test } from 'vitest';
import {
  comparePartialDates,
  daysBetween,
  earliestDay,
  isInYears,
  isPartialDate,
  isSurelyBefore,
  latestDay,
  parsePartialDate,
  todayLocal,
} from '../../db/partialDate';

describe('partial dates', () => {
  test('accept a year, a month or a day, and say which', () => {
    expect(parsePartialDate('2019').precision).toBe('year');
    expect(parsePartialDate('2019-03')).toEqual({ year: 2019, month: 3, precision: 'month' });
    expect(parsePartialDate('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29, precision: 'day' });
  });

  test('refuse dates that do not exist, with the reason', () => {
    expect(() => parsePartialDate('2019-02-29')).toThrow('2019-02 has no day 29');
    expect(() => parsePartialDate('2019-13')).toThrow('there is no month 13');
    expect(() => parsePartialDate('5/3/2019')).toThrow('write YYYY, YYYY-MM or YYYY-MM-DD');
    expect(() => parsePartialDate('1850')).toThrow('between 1900 and 2100');
    expect(isPartialDate('2019-3')).toBe(false);
    expect(isPartialDate(' 2019')).toBe(false);
  });

  test('the range a partial date can mean', () => {
    expect(earliestDay('2019')).toBe('2019-01-01');
    expect(latestDay('2019')).toBe('2019-12-31');
    expect(latestDay('2019-02')).toBe('2019-02-28');
    expect(latestDay('2024-02')).toBe('2024-02-29');
    expect(latestDay('1900-02')).toBe('1900-02-28'); // 1900 is not a leap year
    expect(latestDay('2000-02')).toBe('2000-02-29');
  });

  test('sort by the first day they can mean, the less precise first', () => {
    const dates = ['2019-02', '2019-01-01', '2020', '2019', '2018-12-31', '2019-01'];
    expect([...dates].sort(comparePartialDates)).toEqual(['2018-12-31', '2019', '2019-01', '2019-01-01', '2019-02', '2020']);
  });

  test('"before" only when every day of one is before every day of the other', () => {
    expect(isSurelyBefore('2019-03', '2019-04-02')).toBe(true);
    expect(isSurelyBefore('2019', '2019-06')).toBe(false);
    expect(isSurelyBefore('2019-06', '2019')).toBe(false);
    expect(isSurelyBefore('2018', '2019')).toBe(true);
    expect(isSurelyBefore('2019-03-31', '2019-03-31')).toBe(false);
  });

  test('a window of whole calendar years takes a date by what it says', () => {
    expect(isInYears('2016', 2015, 2019)).toBe(true);
    expect(isInYears('2014-12', 2015, 2019)).toBe(false);
    expect(isInYears('2019-12-31', 2015, 2019)).toBe(true);
    expect(isInYears('2020-01-01', 2015, 2019)).toBe(false);
  });

  test('days between calendar dates ignore time zones and DST', () => {
    expect(daysBetween('2019-03-30', '2019-04-01')).toBe(2); // across the EU DST change
    expect(daysBetween('2019', '2020')).toBe(365);
    expect(daysBetween('2020', '2021')).toBe(366);
    expect(daysBetween('2021-01-01', '2020-12-31')).toBe(-1);
  });

  test("today is the local calendar date, not the UTC one", () => {
    // 23:30 local on 31 December stays 31 December whatever the offset
    expect(todayLocal(new Date(2025, 11, 31, 23, 30))).toBe('2025-12-31');
  });
});
