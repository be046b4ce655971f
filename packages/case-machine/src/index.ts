export { caseMachine, type CaseContext, type CaseInput } from './machine.js';
export * from './states.js';
export * from './roles.js';
export { EVENT_PERMISSIONS, roleMaySend } from './permissions.js';
export { CaseMachineError } from './errors.js';
export {
  MACHINE_VERSION,
  SNAPSHOT_MIGRATIONS,
  allowedEvents,
  createCase,
  describeState,
  enabledEvents,
  formatState,
  restoreCase,
  step,
  type CaseSnapshot,
  type CaseStateView,
  type Effect,
  type PersistedCase,
  type StepResult,
} from './persistence.js';
export { statechartOutline, type StateOutline } from './outline.js';
