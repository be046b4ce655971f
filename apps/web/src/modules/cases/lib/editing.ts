import type { CaseEdit } from '../../../generated/schema';

/**
 * Whether the page offers a kind of edit: the api says which ones the viewer may make
 * (`Case.allowedEdits`, decided by its policy), so a control is shown only when it would
 * be accepted. The api still decides each request, and the panels show its refusal.
 */
export function offers(item: { allowedEdits: readonly string[] }, edit: CaseEdit): boolean {
  return item.allowedEdits.includes(edit);
}
