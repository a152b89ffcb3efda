import { describe, expect, it } from 'vitest';
import { firstDay, lastDay } from './dates.js';

describe('partial dates', () => {
  it.each([
    ['2024', '2024-01-01', '2024-12-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2025-02', '2025-02-01', '2025-02-28'],
    ['2024-11', '2024-11-01', '2024-11-30'],
    ['2024-10-18', '2024-10-18', '2024-10-18'],
  ])('%s covers %s to %s', (date, first, last) => {
    expect(firstDay(date)).toBe(first);
    expect(lastDay(date)).toBe(last);
  });
});
