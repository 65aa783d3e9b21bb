import type { AppErrorShape } from '../../../shared/errors';
import type { Language } from '../../../shared/domain';
import { en, zhCN, type MessageKey } from './catalog';

export type { MessageKey };

const CATALOGS: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, params) => {
    const template = catalog[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
  };
}

/** An operation's error in the user's language. */
export function errorMessage(t: Translate, error: AppErrorShape): string {
  const detail = error.issues[0] ? `${error.issues[0].path} ${error.issues[0].message}`.trim() : error.message;
  // A more precise message when the service says what was missing or why (e.g. not_found of a folder).
  const specific = `error.${error.code}.${String(error.params.what ?? error.params.reason ?? '')}`;
  const key = (Object.hasOwn(zhCN, specific) ? specific : `error.${error.code}`) as MessageKey;
  return t(key, { detail, ...error.params });
}

/** Numbers, amounts, percentages and dates as the locale writes them. */
export function formatters(language: Language) {
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
