// Collects WHERE conditions and their bound parameters in step, for lists whose filters combine freely,
// and the date filter on claims as arms (disjoint condition sets, each walked in index order).
import { firstDay, lastDay } from '../annotations/dates.js';

/** One of several disjoint condition sets a filtered set is the union of, each walked in index order. */
export interface Arm { where: string[]; params: unknown[] }

/**
 * The claims whose days overlap [from, to], as disjoint arms each walked in (first day, id) order.
 * A claim's days are those of one ISO date of day, month or year precision, so a claim that starts
 * before `from` and still reaches it is the month claim of from's month or the year claim of its year:
 * a seek on (first, last) day each, where one range would walk every claim of the year before `from`
 * (and read each row for its last day). `last` is the last-day column; an index on (first, last, id)
 * serves the seeks when the claims table is walked. Every claim of every arm reaches `from`: a claim
 * starting on or after it ends on or after it, so no condition on the last day is needed besides these.
 */
function claimStartArms(firstColumn: string, lastColumn: string, days: { from?: string; to?: string }): Arm[] | undefined {
  const from = days.from;
  if (!from) return undefined;
  const within: Arm = { where: [`${firstColumn} >= ?`], params: [from] };
  if (days.to) within.where.push(`${firstColumn} <= ?`), within.params.push(days.to);
  const year = from.slice(0, 4);
  const spans = [[`${year}-01-01`, `${year}-12-31`], [firstDay(from.slice(0, 7)), lastDay(from.slice(0, 7))]];
  const earlier = spans.filter(([first]) => first < from)
    .map(([first, last]) => ({ where: [`${firstColumn} = ?`, `${lastColumn} = ?`], params: [first, last] }));
  return [...earlier, within];
}

/** The arms as one condition, for counts and facets that need no order. */
export function anyArm(arms: Arm[]): Arm {
  return { where: [`(${arms.map((arm) => arm.where.join(' AND ')).join(' OR ')})`], params: arms.flatMap((arm) => arm.params) };
}
export class Conditions {
  readonly where: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    this.where.push(condition);
    this.params.push(...values);
    return this;
  }

  /** `column IN (...)` when values were given; a template with `IN ()` puts the list where it says. */
  in(column: string, values: readonly string[] | undefined): this {
    if (values === undefined) return this;
    const list = `(${values.map(() => '?').join(', ')})`;
    return this.add(column.includes('IN ()') ? column.replace('IN ()', `IN ${list}`) : `${column} IN ${list}`, ...values);
  }

  /** Interval overlap: the row's [first, last] day span touches [from, to]. */
  overlaps(firstColumn: string, lastColumn: string, days: { from?: string; to?: string }): this {
    if (days.from) this.add(`${lastColumn} >= ?`, days.from);
    if (days.to) this.add(`${firstColumn} <= ?`, days.to);
    return this;
  }

  /**
   * Events whose days overlap [from, to], walked in first-day order on `walked` (the events' first day,
   * or entity_events' copy of it): with a first day, the walk also starts at `from` less the longest
   * event's span (one seek of the events_span index), since no event starting earlier reaches `from`.
   * Without that bound a walk read every event before `from`, one by one (11 ms for December 2024 among
   * 20,000 events). One event lasting years widens the bound for all: never worse than no bound. One
   * lasting millennia (an open end written as "9999") puts it before the first julian day, where date()
   * gives NULL, which no row is >= to: coalesce makes that no bound at all.
   */
  eventDays(walked: string, last: string, days: { from?: string; to?: string }): this {
    if (days.from) {
      const span = '(SELECT max(julianday(end_day) - julianday(start_day)) FROM events)';
      this.add(`${walked} >= coalesce(date(?, '-' || ${span} || ' days'), '')`, days.from);
    }
    return this.overlaps(walked, last, days);
  }

  /**
   * A date filter on claims (`first` and `last` are the claimed_from and claimed_to columns of the
   * index being walked and of claims): with a first day, the arms to walk (claimStartArms) and nothing
   * added here; with only a last day, the one condition it sets, and no arms.
   */
  claimDays(firstColumn: string, lastColumn: string, days: { from?: string; to?: string }): Arm[] | undefined {
    if (days.from) return claimStartArms(firstColumn, lastColumn, days);
    this.overlaps(firstColumn, lastColumn, days);
    return undefined;
  }
}
