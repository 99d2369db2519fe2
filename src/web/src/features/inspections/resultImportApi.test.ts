import { describe, expect, it } from 'vitest';
import { withNoticeDate, type ImportSettings } from './resultImportApi';

// A plan of 2026; the officer first dated the notice 2025-12-30 and chose to count it in 2025.
const chosen = { noticeDate: '2025-12-30', countYear: 2025 } as ImportSettings;

describe('the notice date of a result table import', () => {
  it('drops the count year once the notice falls in the plan year (the choice is no longer asked, so it may not decide)', () => {
    expect(withNoticeDate(chosen, '2026-01-05', 2026)).toMatchObject({ noticeDate: '2026-01-05', countYear: null });
  });

  it('drops it when the date is cleared', () => {
    expect(withNoticeDate(chosen, null, 2026).countYear).toBeNull();
  });

  it('drops it when it is neither the new notice year nor the plan year', () => {
    // Notice now 2024: the choice is between 2024 and 2026; the 2025 chosen before is neither.
    expect(withNoticeDate(chosen, '2024-11-01', 2026).countYear).toBeNull();
  });

  it('keeps it while it is still one of the two years offered', () => {
    expect(withNoticeDate(chosen, '2025-06-01', 2026).countYear).toBe(2025);
    expect(withNoticeDate({ ...chosen, countYear: 2026 }, '2025-06-01', 2026).countYear).toBe(2026);
  });
});
