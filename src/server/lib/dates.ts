/** Calendar dates as YYYY-MM-DD strings in UTC, the way the archive stores them. */
export const today = () => new Date().toISOString().slice(0, 10);

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The same day `months` later (or earlier); when that month has no such day, its last day — as
 * periods are counted in Chinese law (民法典 art. 203: 没有对应日的，月末日为期间的最后一日).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);
