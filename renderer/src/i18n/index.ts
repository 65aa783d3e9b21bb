import type { AppErrorShape } from '@shared/errors';
import type { Language } from '@shared/domain';
import { fill } from '@shared/i18n/catalogue';
import { refusalText } from '@shared/i18n/refusals';
import { en, zhCN, type MessageKey } from './catalog';
import { applyPlurals } from './plural';

export type { MessageKey };

const CATALOGS: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** A message by key; it knows its language, so that errorMessage can ask the shared refusal catalogue. */
export type Translate = ((key: MessageKey, params?: Record<string, string | number>) => string) & { readonly language?: Language };

export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  const t = (key: MessageKey, params?: Record<string, string | number>) => {
    const template = catalog[key] ?? key;
    return params ? fill(applyPlurals(template, params, language), params) : template;
  };
  return Object.assign(t, { language });
}

/**
 * An operation's error in the user's language. A refusal of a file or of the exchange (packet reasons,
 * key files, stale, another officer's, the demo store, the bureau key) is said by the catalogue the CLI
 * uses too (shared/i18n/refusals.ts), whole and with its next step; anything else by this catalogue.
 */
export function errorMessage(t: Translate, error: AppErrorShape): string {
  const refusal = refusalText(t.language === 'en' ? 'en' : 'zh', error, 'screen');
  if (refusal) return refusal;
  const detail = error.issues[0] ? `${error.issues[0].path} ${error.issues[0].message}`.trim() : error.message;
  // A more precise message when the service says what was missing or why (e.g. not_found of a folder).
  const specific = `error.${error.code}.${String(error.params.what ?? error.params.reason ?? '')}`;
  const key = (Object.hasOwn(zhCN, specific) ? specific : `error.${error.code}`) as MessageKey;
  return t(key, { detail, ...error.params });
}

/**
 * Numbers, amounts, percentages and dates as the locale writes them: one set per language, made once. Every
 * table cell with a figure asks for them, and building four Intl formatters per cell was among the heaviest
 * functions of the home screen's first render (issue 11).
 */
const formattersByLanguage = new Map<Language, ReturnType<typeof makeFormatters>>();
export function formatters(language: Language) {
  let made = formattersByLanguage.get(language);
  if (!made) formattersByLanguage.set(language, (made = makeFormatters(language)));
  return made;
}

function makeFormatters(language: Language) {
  const locale = language === 'zh-CN' ? 'zh-CN' : 'en-US';
  const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return {
    amount: (v: number) => amount.format(v),
    percent: (v: number | null) => (v === null ? '—' : `${pct.format(v)}%`),
    points: (v: number) => pct.format(Math.abs(v)),
    date: (iso: string | null) => (iso ? date.format(new Date(`${iso}T00:00:00Z`)) : '—'),
    month: (iso: string) => month.format(new Date(`${iso}-01T00:00:00Z`)),
  };
}
export type Formatters = ReturnType<typeof formatters>;
