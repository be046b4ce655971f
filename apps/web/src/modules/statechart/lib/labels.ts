import { lowerWords, sentenceCase } from '../../ui/lib/humanise';

/**
 * A state path as a person reads it: `mediation.scheduled` → "Mediation · scheduled",
 * `notFiled` → "Not filed", `adr.earlyNeutralEvaluation` → "ADR · early neutral evaluation".
 */
export function stateLabel(path: string): string {
  const [first = '', ...rest] = path.split('.').filter(Boolean);
  return [sentenceCase(first), ...rest.map(lowerWords)].join(' · ');
}

/** A region's name as a heading: `resolution` → "Resolution". */
export function regionLabel(region: string): string {
  return sentenceCase(region);
}
