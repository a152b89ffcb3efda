/** Groups child rows by their parent id, so one query can hydrate a whole page of parents. */
export function groupBy<Row, K extends keyof Row>(rows: Row[], key: K): Map<Row[K], Row[]> {
  const groups = new Map<Row[K], Row[]>();
  for (const row of rows) {
    const group = groups.get(row[key]);
    if (group) group.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

/** Binds a list of ids as one parameter: `IN (SELECT value FROM json_each(?))` fits any page size. */
export const idList = (ids: string[]) => JSON.stringify(ids);
