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

  /** Interval overlap: the row's [first, last] day span touches [from, to]. */
  overlaps(firstColumn: string, lastColumn: string, days: { from?: string; to?: string }): this {
    if (days.from) this.add(`${lastColumn} >= ?`, days.from);
    if (days.to) this.add(`${firstColumn} <= ?`, days.to);
    return this;
  }
}
