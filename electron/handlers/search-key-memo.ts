import { searchKey } from './search-key.js';

/**
 * The search key of a project's name, company and code, computed once per distinct text rather than on
 * every `projects.list` (pinyin for 1,000 projects costs more than the whole list's SQL). Bounded, so a
 * long session of renamed projects cannot grow it without end.
 */
const MAX = 50_000;
const memo = new Map<string, string>();

export function projectSearchKey(name: string, company: string, code: string): string {
  const k = `${name}\u0000${company}\u0000${code}`;
  let key = memo.get(k);
  if (key === undefined) {
    if (memo.size >= MAX) memo.clear();
    key = searchKey(name, company, code);
    memo.set(k, key);
  }
  return key;
}
