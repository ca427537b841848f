import { describe, expect, test } from 'vitest';
import { escapeLike, foldName, foldText } from '../../db/fold';

describe('folding names', () => {
  test('accents, case and apostrophes fold away', () => {
    expect(foldText("Côte d'Ivoire")).toBe("cote d'ivoire");
    expect(foldText('Côte d’Ivoire')).toBe("cote d'ivoire");
    expect(foldText('TÜRKIYE')).toBe('turkiye');
    expect(foldText('  São   Tomé ')).toBe('sao tome');
  });

  test('folded keys sort as people expect', () => {
    const names = ['Croatia', "Côte d'Ivoire", 'Turkmenistan', 'Türkiye', 'Cuba', 'Tuvalu'];
    const sorted = [...names].sort((a, b) => (foldText(a) < foldText(b) ? -1 : 1));
    expect(sorted).toEqual(["Côte d'Ivoire", 'Croatia', 'Cuba', 'Türkiye', 'Turkmenistan', 'Tuvalu']);
  });

  test('name matching also drops a leading "the" and punctuation', () => {
    expect(foldName('The Russian Federation')).toBe('russian federation');
    expect(foldName('Cote d’Ivoire')).toBe(foldName("Côte d'Ivoire"));
    expect(foldName('Iran (Islamic Republic of)')).toBe('iran islamic republic of');
  });

  test('LIKE wildcards in search text are escaped', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
