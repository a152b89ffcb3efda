// A partial date ("2024", "2024-10", "2024-10-18") covers a span of days. Storing that span's
// first and last day lets "from/to" filters ask for overlap instead of comparing strings.

export function firstDay(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

/**
 * Days in a month of the Gregorian calendar, year 0000 included (a leap year). Not through Date: Date.UTC
 * reads years 0-99 as 1900-1999, and 1900 is no leap year, so February 0000 lost its 29th.
 */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function lastDay(date: string): string {
  const [year, month, day] = date.split('-');
  if (day !== undefined) return date;
  if (month === undefined) return `${year}-12-31`;
  return `${year}-${month}-${String(daysInMonth(Number(year), Number(month))).padStart(2, '0')}`;
}
