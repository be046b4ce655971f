/** Errors carry a stable code that the api turns into a GraphQL `extensions.code`. */
export class CaseMachineError extends Error {
  constructor(
    readonly code: 'INVALID_TRANSITION' | 'SNAPSHOT_UNKNOWN_VERSION' | 'SNAPSHOT_CORRUPTED',
    message: string,
  ) {
    super(message);
    this.name = 'CaseMachineError';
  }
}
