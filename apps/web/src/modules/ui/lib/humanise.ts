/**
 * Words that read better than their plain lower-case form. This is spelling only: it never
 * lists states or events, so a new state or event still gets a readable label.
 */
const WORDS: Readonly<Record<string, string>> = {
  adr: 'ADR',
  mediators: 'mediator’s',
  ics: 'ICS',
  csv: 'CSV',
  batna: 'BATNA',
};

/** Splits `inSession`, `IN_SESSION`, `in-session` or `in session` into lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function spell(word: string): string {
  return WORDS[word] ?? word;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `PERSONAL_INJURY` → "Personal injury", `trialPrep` → "Trial prep", `ORDER_ADR` → "Order ADR". */
export function sentenceCase(name: string): string {
  return capitalise(words(name).map(spell).join(' '));
}

/** `inSession` → "in session" (no capital: for the parts after the first). */
export function lowerWords(name: string): string {
  return words(name).map(spell).join(' ');
}
