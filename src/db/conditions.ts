// Collects WHERE conditions and their bound parameters in step, for lists whose filters combine freely.
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

  /**
   * Interval overlap: the row's [first, last] day span touches [from, to]. `maxSpanDays`, when the
   * rows' spans are known to be at most that long, adds the bound it implies on the first day
   * (first >= from - maxSpan), so an index on the first day is walked over a window, not from the start.
   */
  overlaps(firstColumn: string, lastColumn: string, days: { from?: string; to?: string }, maxSpanDays?: number): this {
    if (days.from) this.add(`${lastColumn} >= ?`, days.from);
    if (days.from && maxSpanDays !== undefined) this.add(`${firstColumn} >= date(?, ?)`, days.from, `-${maxSpanDays} days`);
    if (days.to) this.add(`${firstColumn} <= ?`, days.to);
    return this;
  }
}
