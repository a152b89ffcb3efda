// Seeded randomness for the synthetic corpus: the same seed gives the same corpus on any machine,
// so a benchmark figure can be reproduced (Math.random cannot be seeded).

export type Random = () => number;

/** mulberry32: a tiny 32-bit generator, plenty for test data and fast enough for millions of draws. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (random: Random, n: number): number => Math.floor(random() * n);
export const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];
export const chance = (random: Random, p: number): boolean => random() < p;

/** A draw of a key of `table` with probability proportional to its weight (built once, drawn often). */
export function weights<K extends string>(table: Record<K, number>): (random: Random) => K {
  const keys = Object.keys(table) as K[];
  const bounds: number[] = [];
  let total = 0;
  for (const key of keys) bounds.push((total += table[key]));
  return (random) => {
    const x = random() * total;
    for (let i = 0; i < keys.length - 1; i++) if (x < bounds[i]) return keys[i];
    return keys[keys.length - 1];
  };
}

/**
 * A Zipf draw over ranks 0..n-1 whose exponent is chosen so that rank 0 has probability `top`:
 * news coverage is like that (a few names everywhere, a long tail named once or twice), and fixing
 * the head's share keeps the "hot" entity at the same share of claims whatever the corpus size.
 */
export function zipf(n: number, top: number): (random: Random) => number {
  const harmonic = (s: number) => {
    let sum = 0;
    for (let k = 1; k <= n; k++) sum += k ** -s;
    return sum;
  };
  // 1 / H(n, s) grows with s; bisect for the exponent that gives the head its share.
  let low = 0;
  let high = 8;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (1 / harmonic(mid) < top) low = mid;
    else high = mid;
  }
  const s = (low + high) / 2;
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = sum += k ** -s;
  for (let k = 0; k < n; k++) cdf[k] /= sum;
  return (random) => {
    const r = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A deterministic Fisher-Yates shuffle, in place. */
export function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(random, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
