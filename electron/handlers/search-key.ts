import { pinyin } from 'pinyin-pro';

/**
 * What the project search matches against: the text itself, its full pinyin and its pinyin initials,
 * so "xwd", "xinwangda" and "欣旺达" all find 欣旺达.
 */
export function searchKey(...texts: string[]): string {
  const parts: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    parts.push(text.toLowerCase());
    parts.push(pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase());
    parts.push(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase());
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}
