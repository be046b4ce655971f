import { PATHS, type DisputeType, type PathId } from './input.js';

/**
 * `PROCESS`: a step of the neutral process checklist (how the next attempt is set up); it is
 * case-shared: the mediator and every side see it and tick it. `STRATEGY`: a step of one side's
 * litigation or negotiation strategy ("collect the medical records"); each side has its own,
 * which only that side's counsel and parties see and tick.
 */
export const PLAYBOOK_ITEM_KINDS = ['PROCESS', 'STRATEGY'] as const;
export type PlaybookItemKind = (typeof PLAYBOOK_ITEM_KINDS)[number];

export interface PlaybookItem {
  /** Stable: progress is stored against it. Never reuse an id for a different step. */
  id: string;
  label: string;
  kind: PlaybookItemKind;
}

export interface Playbook {
  id: string;
  title: string;
  /** The dispute types it applies to; `ANY` for every type. */
  disputeTypes: readonly DisputeType[] | 'ANY';
  /** The paths it applies to; `ANY` for every path. */
  paths: readonly PathId[] | 'ANY';
  items: readonly PlaybookItem[];
}

const REMEDIATION: readonly PathId[] = ['REMEDIATE_SAME', 'REMEDIATE_NEW'];
/** Paths that end in terms the sides write themselves. */
const SETTLEMENT_PATHS: readonly PathId[] = [
  'NEGOTIATE',
  'REMEDIATE_SAME',
  'REMEDIATE_NEW',
  'SETTLEMENT_CONFERENCE',
  'MEDIATORS_PROPOSAL',
];

/** The article's checklists ("Different disputes, different next moves"; "How to make the next attempt more likely to succeed"). */
export const PLAYBOOKS: readonly Playbook[] = [
  {
    id: 'family',
    title: 'Family: hold things steady, then disclose',
    disputeTypes: ['FAMILY'],
    paths: 'ANY',
    items: [
      { id: 'family.temporary-orders', label: 'Seek temporary orders (parenting schedule, support) to hold things steady meanwhile', kind: 'STRATEGY' },
      { id: 'family.financial-disclosure', label: 'Complete discovery and financial disclosure: income, assets, debts', kind: 'STRATEGY' },
      { id: 'family.evaluations', label: 'Arrange evaluations or expert involvement where needed (custody evaluation, business valuation)', kind: 'STRATEGY' },
    ],
  },
  {
    id: 'family-later',
    title: 'Family: a settlement conference later on',
    disputeTypes: ['FAMILY'],
    paths: ['SETTLEMENT_CONFERENCE', 'LITIGATION'],
    items: [{ id: 'family.settlement-conference', label: 'Ask for a settlement conference once disclosure is complete', kind: 'STRATEGY' }],
  },
  {
    id: 'personal-injury',
    title: 'Personal injury: build the valuation',
    disputeTypes: ['PERSONAL_INJURY'],
    paths: 'ANY',
    items: [
      { id: 'pi.medical-records', label: 'Collect the additional medical records and bills', kind: 'STRATEGY' },
      { id: 'pi.expert-opinions', label: 'Obtain expert opinions on causation, prognosis and damages', kind: 'STRATEGY' },
      { id: 'pi.depositions', label: 'Take the depositions that decide liability and damages', kind: 'STRATEGY' },
    ],
  },
  {
    id: 'personal-injury-trial',
    title: 'Personal injury: shape the evidence at trial',
    disputeTypes: ['PERSONAL_INJURY'],
    paths: ['LITIGATION', 'SETTLEMENT_CONFERENCE'],
    items: [{ id: 'pi.motions-in-limine', label: 'Prepare motions in limine on what evidence comes in at trial', kind: 'STRATEGY' }],
  },
  {
    id: 'business',
    title: 'Business: terms beyond money',
    disputeTypes: ['BUSINESS'],
    paths: SETTLEMENT_PATHS,
    items: [
      { id: 'business.payment-schedule', label: 'Propose a payment schedule', kind: 'STRATEGY' },
      { id: 'business.non-disparagement', label: 'Draft a non-disparagement clause', kind: 'STRATEGY' },
      { id: 'business.transition-services', label: 'Define transition services (who does what, for how long)', kind: 'STRATEGY' },
      { id: 'business.operating-agreement', label: 'Draft a revised operating agreement', kind: 'STRATEGY' },
    ],
  },
  {
    id: 'remediation-prep',
    title: 'Re-mediation: a better setup',
    disputeTypes: 'ANY',
    paths: REMEDIATION,
    items: [
      { id: 'remediation.pre-mediation-calls', label: 'Hold pre-mediation calls with each side', kind: 'PROCESS' },
      { id: 'remediation.tighter-agenda', label: 'Agree a tighter agenda', kind: 'PROCESS' },
      { id: 'remediation.staged-issues', label: 'Stage the open issues: which comes first', kind: 'PROCESS' },
      { id: 'remediation.authority-confirmed', label: 'Confirm that someone with authority to settle attends for every side', kind: 'PROCESS' },
    ],
  },
];

const applies = <T extends string>(scope: readonly T[] | 'ANY', value: T) => scope === 'ANY' || scope.includes(value);

/** Every item of every playbook, by id (a kind is fixed with the id). */
export function playbookItem(id: string, playbooks: readonly Playbook[] = PLAYBOOKS): PlaybookItem | undefined {
  for (const playbook of playbooks) for (const item of playbook.items) if (item.id === id) return item;
  return undefined;
}

/** The checklist for a case of `disputeType` taking `path`: every matching playbook's items, in table order, each id once. */
export function playbookFor(disputeType: DisputeType, path: PathId, playbooks: readonly Playbook[] = PLAYBOOKS): PlaybookItem[] {
  if (!PATHS.includes(path)) throw new RangeError(`Unknown path ${String(path)}.`);
  const items = new Map<string, PlaybookItem>();
  for (const playbook of playbooks) {
    if (!applies(playbook.disputeTypes, disputeType) || !applies(playbook.paths, path)) continue;
    for (const item of playbook.items) if (!items.has(item.id)) items.set(item.id, item);
  }
  return [...items.values()];
}

export interface PlaybookProgress {
  done: number;
  total: number;
  /** The items not done yet, in checklist order. */
  remaining: PlaybookItem[];
}

/** Progress through a checklist; ids of other checklists' items are ignored. */
export function playbookProgress(items: readonly PlaybookItem[], doneIds: Iterable<string>): PlaybookProgress {
  const done = new Set(doneIds);
  const remaining = items.filter((item) => !done.has(item.id));
  return { done: items.length - remaining.length, total: items.length, remaining };
}
