/**
 * Plural forms in messages, in the ICU shape: `{count, plural, one {# project} other {# projects}}`.
 * English needs them ("Total (1 project)" but "Total (2 projects)"); Chinese has one form and simply writes
 * `{count} 个项目`. The form is chosen by Intl.PluralRules for the language; `=N` picks an exact number;
 * `#` is the number. One level of braces inside a form is enough for the catalogue's messages.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

/** One set of rules per locale: making them took a few milliseconds per message on the first screen (issue 11). */
const rulesByLocale = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

export function applyPlurals(template: string, params: Record<string, string | number>, locale: string): string {
  if (!template.includes(', plural,')) return template;
  const rules = pluralRules(locale);
  return template.replace(PLURAL, (whole, name: string, body: string) => {
    const n = Number(params[name]);
    if (!Number.isFinite(n)) return whole;
    const forms = new Map([...body.matchAll(FORM)].map((m) => [m[1]!, m[2]!]));
    const text = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other') ?? '';
    return text.replaceAll('#', String(params[name]));
  });
}
