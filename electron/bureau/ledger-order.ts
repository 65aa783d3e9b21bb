/** The district ledger's row order (electron/bureau/ledger.ts): by text fields as `localeCompare` orders them. */

/** The order `String.prototype.localeCompare` gives (the default locale and options), from one collator made once. */
const textOrder = new Intl.Collator().compare;

/**
 * `rows` sorted in the order of their text fields `keys` by `textOrder`, the first that differs deciding.
 * Collating 100,000 rows' fields pair by pair took most of the ledger's sorting, so each key but the last is
 * collated once per distinct value into a rank (values the collator holds equal share one) and the rows
 * compare ranks; the last key (an id, unique) is collated only when all the others tie. Same order.
 */
export function sortByText<R extends Record<K, string>, K extends string>(rows: readonly R[], ...keys: K[]): R[] {
  const last = keys.at(-1)!;
  const ranks = keys.slice(0, -1).map((key) => {
    const distinct = [...new Set(rows.map((r) => r[key]))].sort(textOrder);
    const rank = new Map<string, number>();
    distinct.forEach((value, i) => rank.set(value, i > 0 && textOrder(distinct[i - 1]!, value) === 0 ? rank.get(distinct[i - 1]!)! : i));
    return Int32Array.from(rows, (r) => rank.get(r[key])!);
  });
  const order = Array.from(rows.keys()).sort((a, b) => {
    for (const rank of ranks) {
      const by = rank[a]! - rank[b]!;
      if (by !== 0) return by;
    }
    return textOrder(rows[a]![last], rows[b]![last]);
  });
  return order.map((i) => rows[i]!);
}

/**
 * `items` in groups by their text `key`, the groups in `textOrder` and the items the collator holds equal in one
 * group (in their given order): the groups a sortByText over that key as its first would keep together.
 */
export function textGroups<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups: T[][] = [];
  let last: string | undefined;
  for (const item of [...items].sort((a, b) => textOrder(key(a), key(b)))) {
    const value = key(item);
    if (last !== undefined && textOrder(last, value) === 0) groups.at(-1)!.push(item);
    else groups.push([item]);
    last = value;
  }
  return groups;
}
