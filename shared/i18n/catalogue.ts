/**
 * The shape every message catalogue in shared/ and renderer/src/i18n has: messages as data, keyed by a code,
 * with the same keys in Chinese and English, `{name}` standing for a parameter. tests/unit/vocabulary-catalogues.test.ts
 * fails when a key is missing in one language, when the two languages name different parameters, or when
 * two of the app's catalogues use the same key (the later one would silently win).
 */
export type Lang = 'zh' | 'en';

/** Chinese when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with "zh", else English: how both CLIs choose. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export type Catalogue<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

/**
 * Fills `{name}` from params. A name without a value stays as written (`keep`, so a missing parameter shows),
 * or is left out (`drop`, for sentences whose optional parts, such as {details}, may be absent).
 */
export function fill(template: string, params: Readonly<Record<string, unknown>> = {}, missing: 'keep' | 'drop' = 'keep'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? (missing === 'keep' ? whole : '') : String(value);
  });
}

/** A catalogue's message in `lang` with its parameters filled in. */
export function say<K extends string>(catalogue: Catalogue<K>, lang: Lang, key: K, params?: Readonly<Record<string, string | number>>): string {
  return fill(catalogue[lang][key], params);
}
