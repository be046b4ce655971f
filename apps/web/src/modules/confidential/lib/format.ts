import { enumLabel } from '../../ui/lib/format';

/** An amount in its currency, for people: "$250,000.00"; an unknown code falls back to "250,000 XYZ". */
export function formatMoney(amount: number, currency: string | null | undefined): string {
  const code = (currency || 'USD').toUpperCase();
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: code }).format(amount);
  } catch {
    return `${new Intl.NumberFormat().format(amount)} ${code}`;
  }
}

/** 0.35 → "35%". */
export function formatProbability(p: number): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(p);
}

export const KIND_LABELS: Readonly<Record<string, string>> = {
  BEST_OFFER: 'Best offer',
  DEALBREAKER: 'Dealbreaker',
  HIDDEN_ISSUE: 'Hidden issue',
  BATNA: 'BATNA sheet',
  NOTE: 'Note',
  DRAFT: 'Draft',
  MISSING_INFORMATION: 'Missing information',
  FLEXIBILITY_SIGNAL: 'Signal of flexibility',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? enumLabel(kind);
}
