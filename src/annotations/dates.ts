// A partial date ("2024", "2024-10", "2024-10-18") covers a span of days. Storing that span's
// first and last day lets "from/to" filters ask for overlap instead of comparing strings.

export function firstDay(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

export function lastDay(date: string): string {
  const [year, month, day] = date.split('-');
  if (day !== undefined) return date;
  if (month === undefined) return `${year}-12-31`;
  const days = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return `${year}-${month}-${String(days).padStart(2, '0')}`;
}
