import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, today } from './dates';

describe('calendar arithmetic', () => {
  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2024-12-20', 15)).toBe('2025-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('a month or year without the day ends on its last day', () => {
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', -6)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-05-15', -17)).toBe('2022-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2021-06-30', 5)).toBe('2026-06-30');
  });

  it('today is the UTC calendar date, YYYY-MM-DD', () => {
    const before = new Date().toISOString().slice(0, 10);
    const day = today();
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([before, new Date().toISOString().slice(0, 10)]).toContain(day);
  });

  it('writes a year before 1000 with four digits (the archive compares dates as text)', () => {
    // 999 is not a leap year: 31 January plus a month ends on 28 February.
    expect(addMonths('0999-01-31', 1)).toBe('0999-02-28');
  });
});
