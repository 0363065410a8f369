/**
 * Count labels that agree with their number: `plural("en", 1, { one: "{n} object", other: "{n} objects" })`
 * → "1 object". The category comes from `Intl.PluralRules` for the locale (English: one/other; Chinese
 * has only "other", so a zh-CN label is one template, usually with a measure word: "{n} 个对象").
 * A missing category falls back to `other`; `{n}` is replaced by the number.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let r = rules.get(locale);
  if (r === undefined) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r;
}

export function plural(locale: string, n: number, forms: PluralForms): string {
  const template = forms[rulesFor(locale).select(n)] ?? forms.other;
  return template.replace(/\{n\}/g, String(n));
}
