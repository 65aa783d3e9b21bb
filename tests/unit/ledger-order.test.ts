import { describe, expect, it } from 'vitest';
import { sortByText } from '../../electron/bureau/ledger-order.js';

/** The order the district ledger had before its sort was ranked (issue 11): localeCompare, key by key. */
function byLocaleCompare<K extends string>(keys: K[]) {
  return (a: Record<K, string>, b: Record<K, string>) => keys.reduce((order, key) => order || a[key].localeCompare(b[key]), 0);
}

// Values where the collator's order is not the code points' order: case, punctuation, accents, the same
// letter composed and decomposed (equal to the collator, different strings), empty, Chinese.
const VALUES = [
  '',
  'GX-2026-0001',
  'gx-2026-0001',
  'GX-2026-0010',
  'GX_2026_0002',
  'GX 2026 3',
  'B-1',
  'a-2',
  'é',
  'e\u0301',
  'E',
  '项目',
  '甲',
  '2026-01-05',
  '2026-1-05',
];

function rows(n: number, seed: number) {
  let x = seed;
  const pick = () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return VALUES[x % VALUES.length]!;
  };
  return Array.from({ length: n }, (_, i) => ({ code: pick(), day: pick(), at: pick(), id: `${pick()}#${i % 7}` }));
}

describe('the district ledger row order', () => {
  it('is the order localeCompare gives, key by key, on mixed case, punctuation, accents and equal-collating text', () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const input = rows(600, seed);
      const expected = [...input].sort(byLocaleCompare(['code', 'day', 'at', 'id']));
      expect(sortByText(input, 'code', 'day', 'at', 'id')).toEqual(expected);
      expect(sortByText(input, 'code', 'id')).toEqual([...input].sort(byLocaleCompare(['code', 'id'])));
    }
  });

  it('keeps rows whose keys all collate equal in their order, and leaves the input unsorted', () => {
    const input = [
      { code: 'e\u0301', id: 'x', n: 1 },
      { code: 'é', id: 'x', n: 2 },
      { code: 'e\u0301', id: 'x', n: 3 },
    ];
    const copy = [...input];
    expect(sortByText(input, 'code', 'id').map((r) => r.n)).toEqual([1, 2, 3]);
    expect(input).toEqual(copy);
    expect(sortByText([], 'code', 'id')).toEqual([]);
  });
});
