import { DISPUTE_TYPES, type CaseFilterInput, type DisputeType } from '../../../generated/schema';

/** The pipeline's filters, as kept in the address: `?stage=impasse&type=FAMILY&attention=1`. */
export interface PipelineFilters {
  /** A resolution stage or state, e.g. `impasse` or `mediation.scheduled`. */
  stage: string | null;
  /** A litigation state, e.g. `discovery`. */
  court: string | null;
  disputeType: DisputeType | null;
  programId: string | null;
  /** Only the cases that need attention. */
  attention: boolean;
}

export const NO_FILTERS: PipelineFilters = { stage: null, court: null, disputeType: null, programId: null, attention: false };

const PARAMS = { stage: 'stage', court: 'court', disputeType: 'type', programId: 'program', attention: 'attention' } as const;

function text(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

/** Reads the filters from the address; a value the api would refuse (an unknown type) is ignored. */
export function readFilters(params: URLSearchParams): PipelineFilters {
  const type = text(params, PARAMS.disputeType);
  return {
    stage: text(params, PARAMS.stage),
    court: text(params, PARAMS.court),
    disputeType: type && (DISPUTE_TYPES as readonly string[]).includes(type) ? (type as DisputeType) : null,
    programId: text(params, PARAMS.programId),
    attention: params.get(PARAMS.attention) === '1',
  };
}

/** The address's parameters with these filters (others, such as `view`, are kept). */
export function writeFilters(params: URLSearchParams, filters: PipelineFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | null) => (value ? next.set(name, value) : next.delete(name));
  set(PARAMS.stage, filters.stage);
  set(PARAMS.court, filters.court);
  set(PARAMS.disputeType, filters.disputeType);
  set(PARAMS.programId, filters.programId);
  set(PARAMS.attention, filters.attention ? '1' : null);
  return next;
}

export function hasFilters(filters: PipelineFilters): boolean {
  return Boolean(filters.stage || filters.court || filters.disputeType || filters.programId || filters.attention);
}

/** The `filter` argument of the `cases` query, or null for no filter at all. */
export function toCaseFilter(filters: PipelineFilters, extra: Partial<CaseFilterInput> = {}): CaseFilterInput | null {
  const filter: CaseFilterInput = {
    ...(filters.stage ? { resolution: filters.stage } : {}),
    ...(filters.court ? { litigation: filters.court } : {}),
    ...(filters.disputeType ? { disputeTypes: [filters.disputeType] } : {}),
    ...(filters.programId ? { programId: filters.programId } : {}),
    ...(filters.attention ? { needsAttention: true } : {}),
    ...extra,
  };
  return Object.keys(filter).length > 0 ? filter : null;
}
