import { describe, expect, it } from 'vitest';
import { searchTextSchema, toFtsQuery } from './full-text.js';

describe('toFtsQuery', () => {
  it.each([
    ['fake news', '"fake" "news"'],
    ['"fake news"', '"fake news"'],
    ['zelen*', '"zelen"*'],
    ['"unbalanced', '"unbalanced"'],
    ['NEAR(a b)', '"NEAR" "a" "b"'],
    ['a AND', '"a" "AND"'],
    ['-x', '"x"'],
    ['body:kursk', '"body" "kursk"'],
    ["it's", '"it" "s"'],
    ['Kim Jong-un', '"Kim" "Jong" "un"'],
    ['11,000', '"11" "000"'],
    ['Zelenskyy\'s "no evidence" claim*', '"Zelenskyy" "s" "no evidence" "claim"*'],
  ])('turns %j into %j', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });

  it.each(['', '   ', '*', '"', '""', '-', '()'])('finds nothing searchable in %j', (input) => {
    expect(toFtsQuery(input)).toBeNull();
  });

  it('refuses text that is too long or not well-formed', () => {
    expect(searchTextSchema.safeParse('x'.repeat(201)).success).toBe(false);
    expect(searchTextSchema.safeParse('kursk \ud800').success).toBe(false);
  });
});
