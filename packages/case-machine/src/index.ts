export { caseMachine, EFFECTS, type CaseContext, type CaseInput, type EffectType, type ReportResult } from './machine.js';
export * from './states.js';
export * from './events.js';
export * from './roles.js';
export {
  activeSides,
  contextProblems,
  pendingAgreement,
  validSignatures,
  type Agreement,
  type ArbitrationState,
  type CaseIssue,
  type CaseSide,
  type ImpasseAssessment,
  type ProposalState,
  type AgreementText,
  type Signature,
  type StallReasonRecord,
} from './context.js';
export {
  COURT_REPORTABLE_CONTEXT,
  GUARDS,
  GUARD_DESCRIPTIONS,
  GUARD_NAMES,
  GUARD_READS,
  readsOnlyCourtReportable,
  type GuardName,
} from './guards.js';
export { EVENT_PERMISSIONS, EVENT_POLICY, activeGrants, roleMaySend, viewerMaySend, type EventPolicy } from './permissions.js';
export { candidateEvents } from './candidates.js';
export { CaseMachineError, CASE_MACHINE_ERROR_CODES, type CaseMachineErrorCode } from './errors.js';
export {
  MACHINE_VERSION,
  SNAPSHOT_MIGRATIONS,
  allowedEvents,
  caseContext,
  createCase,
  describeState,
  enabledEvents,
  formatState,
  migrateSnapshot,
  openCase,
  restoreCase,
  step,
  type CaseSnapshot,
  type CaseStateView,
  type Effect,
  type OpenCase,
  type PersistedCase,
  type RestoreOptions,
  type SnapshotMigration,
  type StepResult,
} from './persistence.js';
export { guardLabel, statechartOutline, type StateOutline } from './outline.js';
export { anyOpenStateId, mermaidStateId, statechartMermaid, type MermaidOptions } from './diagram.js';
