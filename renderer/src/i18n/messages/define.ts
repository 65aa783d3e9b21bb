/**
 * A feature's messages in both languages. Simplified Chinese is the source; the English object must have
 * exactly the same keys (the compiler checks). `{name}` is replaced by a parameter.
 */
export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: { [K in keyof Z]: string }) {
  return { zh, en };
}
