/** The stable codes the api turns into a GraphQL `extensions.code`. */
export const CASE_MACHINE_ERROR_CODES = [
  /** The event is well formed but the case's current state does not accept it. */
  'INVALID_TRANSITION',
  /** The event is not a well-formed case event (unknown type, missing or wrong field). */
  'INVALID_EVENT',
  /** `createCase` got input it cannot build a case from. */
  'INVALID_INPUT',
  'SNAPSHOT_UNKNOWN_VERSION',
  'SNAPSHOT_CORRUPTED',
] as const;
export type CaseMachineErrorCode = (typeof CASE_MACHINE_ERROR_CODES)[number];

/** Errors carry a stable code and a sentence a person can act on. */
export class CaseMachineError extends Error {
  constructor(
    readonly code: CaseMachineErrorCode,
    message: string,
    /** For INVALID_TRANSITION: the rules (guard names) that refused the event, when any did. */
    readonly failedGuards: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CaseMachineError';
  }
}
