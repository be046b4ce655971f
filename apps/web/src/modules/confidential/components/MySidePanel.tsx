import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useRefetchOnReconnect } from '../../live/live';
import type { WorkspaceItemKind } from '../../../generated/schema';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import {
  AddWorkspaceItemMutation,
  DeleteWorkspaceItemMutation,
  MyWorkspaceQuery,
  ShareWorkspaceItemMutation,
  UpdateWorkspaceItemMutation,
  type WorkspaceItemView,
} from '../graphql/confidential';
import { kindLabel } from '../lib/format';
import { VisibleTo } from '../../ui/components/VisibleTo';
import { WorkspaceItemDetails } from './WorkspaceItemDetails';
import { WorkspaceItemForm } from './WorkspaceItemForm';

const ORDER: readonly WorkspaceItemKind[] = ['BEST_OFFER', 'DEALBREAKER', 'HIDDEN_ISSUE', 'BATNA', 'MISSING_INFORMATION', 'FLEXIBILITY_SIGNAL', 'NOTE', 'DRAFT'];

/**
 * The side's private workspace (`myWorkspace`): visible to this side's counsel and parties
 * only, and to the mediator only for the items the side shares. Counsel edit it; a party
 * (`simple`) sees the same items with fewer controls.
 */
export function MySidePanel({ caseId, sideId, simple = false }: { caseId: string; sideId: string | null; simple?: boolean }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyWorkspaceQuery, variables: { id: caseId, sideId } });
  useRefetchOnReconnect(reexecute);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [addResult, add] = useMutation(AddWorkspaceItemMutation);
  const [updateResult, update] = useMutation(UpdateWorkspaceItemMutation);
  const [removeResult, remove] = useMutation(DeleteWorkspaceItemMutation);
  const [shareResult, share] = useMutation(ShareWorkspaceItemMutation);
  const busy = addResult.fetching || updateResult.fetching || removeResult.fetching || shareResult.fetching;

  const workspace = data?.case?.myWorkspace ?? null;
  const items = [...(workspace?.items ?? [])].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));

  async function run(outcome: Promise<{ error?: import('urql').CombinedError }>, done: string) {
    setFailure(null);
    const result = await outcome;
    if (result.error) {
      setFailure(apiError(result.error).message);
      return false;
    }
    setStatus(done);
    reload();
    return true;
  }

  return (
    <section className="panel panel--private" aria-labelledby="my-side-heading" data-testid="my-side">
      <div className="panel__head">
        <h2 className="panel__title" id="my-side-heading">
          My side{workspace ? `: ${workspace.sideLabel}` : ''}
        </h2>
      </div>
      <VisibleTo>
        {workspace
          ? `Visible to: ${readersSentence(workspace.visibleTo)}; the mediator sees only what you share`
          : 'Visible to: your side only'}
      </VisibleTo>
      {failure ? <ErrorAlert message={failure} /> : null}
      {!data && fetching ? (
        <Loading>Loading your side’s workspace…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="Your side’s workspace could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        </ErrorAlert>
      ) : items.length === 0 ? (
        <EmptyState title="Nothing in your workspace yet">
          {simple ? 'Your counsel’s notes, offers and BATNA sheet appear here.' : 'Add your best offer, dealbreakers, hidden issues, a BATNA sheet, notes or drafts.'}
        </EmptyState>
      ) : (
        <ul className="ws-list">
          {items.map((item) => (
            <li key={item.id} className="ws-item" data-testid="workspace-item" data-kind={item.kind}>
              <div className="ws-item__head">
                <h3 className="ws-item__kind">{kindLabel(item.kind)}</h3>
                {item.sharedWithMediator ? <span className="badge badge--shared">Shared with the mediator</span> : null}
              </div>
              {editing === item.id ? (
                <WorkspaceItemForm
                  item={item}
                  busy={busy}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (_kind, input) => {
                    if (await run(update({ id: item.id, input }), `${kindLabel(item.kind)} saved.`)) setEditing(null);
                  }}
                />
              ) : (
                <WorkspaceItemDetails item={item} />
              )}
              <p className="ws-item__meta muted">
                {item.createdByName ? `${item.createdByName} · ` : ''}
                updated <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
              </p>
              <ItemControls
                item={item}
                simple={simple}
                busy={busy}
                editing={editing === item.id}
                onEdit={() => setEditing(item.id)}
                onShare={(shared) =>
                  run(share({ id: item.id, shared }), shared ? `${kindLabel(item.kind)} shared with the mediator.` : `${kindLabel(item.kind)} no longer shared.`)
                }
                onDelete={() => {
                  if (typeof window !== 'undefined' && typeof window.confirm === 'function' && !window.confirm(`Delete this ${kindLabel(item.kind).toLowerCase()} for good?`)) return;
                  void run(remove({ id: item.id }), `${kindLabel(item.kind)} deleted.`);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {!simple && workspace ? (
        adding ? (
          <WorkspaceItemForm
            busy={busy}
            onCancel={() => setAdding(false)}
            onSubmit={async (kind, input) => {
              if (await run(add({ caseId, sideId: workspace.sideId, input: { ...input, kind } }), `${kindLabel(kind)} added.`)) setAdding(false);
            }}
          />
        ) : (
          <p className="panel__foot">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Add to workspace
            </button>
          </p>
        )
      ) : null}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}

function ItemControls({
  item,
  simple,
  busy,
  editing,
  onEdit,
  onShare,
  onDelete,
}: {
  item: WorkspaceItemView;
  simple: boolean;
  busy: boolean;
  editing: boolean;
  onEdit(): void;
  onShare(shared: boolean): void;
  onDelete(): void;
}) {
  const label = kindLabel(item.kind).toLowerCase();
  return (
    <div className="ws-item__controls">
      <label className="toggle">
        <input type="checkbox" checked={item.sharedWithMediator} disabled={busy} onChange={(e) => onShare(e.target.checked)} />
        Share with the mediator<span className="visually-hidden"> ({label})</span>
      </label>
      {simple || editing ? null : (
        <>
          <button type="button" className="button button--small" onClick={onEdit} disabled={busy}>
            Edit<span className="visually-hidden"> {label}</span>
          </button>
          <button type="button" className="button button--small button--quiet" onClick={onDelete} disabled={busy}>
            Delete<span className="visually-hidden"> {label}</span>
          </button>
        </>
      )}
    </div>
  );
}

/** "Carla Counsel (counsel), Rosa Alvarez (party)": the people who read this workspace now. */
function readersSentence(readers: readonly { name: string; role: string }[]): string {
  if (readers.length === 0) return 'your side only';
  const people = readers.map((r) => `${r.name} (${r.role === 'PARTY' ? 'party' : 'counsel'})`);
  return `${people.length === 1 ? 'only ' : `these ${people.length} people: `}${people.join(', ')}`;
}
