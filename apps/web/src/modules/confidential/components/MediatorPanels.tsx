import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useRefetchOnReconnect } from '../../live/live';
import { EmptyState, ErrorAlert, Loading } from '../../ui/components/Feedback';
import { apiError } from '../../ui/lib/errors';
import { formatDateTime } from '../../ui/lib/format';
import type { SideView } from '../../cases/graphql/case';
import {
  AddMediatorNoteMutation,
  DeleteMediatorNoteMutation,
  MediatorNotesQuery,
  SharedWithMediatorQuery,
  UpdateMediatorNoteMutation,
  type MediatorNoteView,
} from '../graphql/confidential';
import { kindLabel } from '../lib/format';
import { VisibleTo } from '../../ui/components/VisibleTo';
import { WorkspaceItemDetails } from './WorkspaceItemDetails';

const sideName = (sides: readonly SideView[], id: string | null) => (id ? (sides.find((s) => s.id === id)?.label ?? 'a side') : null);

/** What the sides chose to show the mediator (`sharedWithMediator`), grouped by side. */
export function SharedWithMediatorPanel({ caseId, sides }: { caseId: string; sides: readonly SideView[] }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SharedWithMediatorQuery, variables: { id: caseId } });
  useRefetchOnReconnect(reexecute);
  const items = data?.case?.sharedWithMediator ?? [];
  return (
    <section className="panel panel--private" aria-labelledby="shared-heading" data-testid="shared-with-mediator">
      <div className="panel__head">
        <h2 className="panel__title" id="shared-heading">
          Shared by the sides
        </h2>
        <button type="button" className="button button--small" onClick={() => reexecute({ requestPolicy: 'network-only' })} disabled={fetching}>
          Refresh
        </button>
      </div>
      <VisibleTo>Visible to: you and the side that shared it</VisibleTo>
      {!data && fetching ? (
        <Loading>Loading what the sides shared…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="What the sides shared could not be loaded" message={apiError(error).message} />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing shared yet">A side’s counsel can share items of their private workspace with you.</EmptyState>
      ) : (
        <ul className="ws-list">
          {items.map((item) => (
            <li key={item.id} className="ws-item" data-testid="shared-item">
              <div className="ws-item__head">
                <h3 className="ws-item__kind">{kindLabel(item.kind)}</h3>
                <span className="badge">From {sideName(sides, item.sideId)}</span>
              </div>
              <WorkspaceItemDetails item={item} />
              <p className="ws-item__meta muted">
                {item.createdByName ? `${item.createdByName} · ` : ''}
                updated <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The mediator's own notes (`mediatorNotes`), optionally tied to a side's caucus. */
export function MediatorNotesPanel({ caseId, sides }: { caseId: string; sides: readonly SideView[] }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MediatorNotesQuery, variables: { id: caseId } });
  useRefetchOnReconnect(reexecute);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const [addResult, add] = useMutation(AddMediatorNoteMutation);
  const [updateResult, update] = useMutation(UpdateMediatorNoteMutation);
  const [removeResult, remove] = useMutation(DeleteMediatorNoteMutation);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const busy = addResult.fetching || updateResult.fetching || removeResult.fetching;
  const notes = data?.case?.mediatorNotes ?? [];

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
    <section className="panel panel--private" aria-labelledby="mediator-notes-heading" data-testid="mediator-notes">
      <div className="panel__head">
        <h2 className="panel__title" id="mediator-notes-heading">
          Mediator notes
        </h2>
      </div>
      <VisibleTo>Visible to: you only</VisibleTo>
      {failure ? <ErrorAlert message={failure} /> : null}
      {!data && fetching ? (
        <Loading>Loading your notes…</Loading>
      ) : error && !data ? (
        <ErrorAlert title="Your notes could not be loaded" message={apiError(error).message}>
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        </ErrorAlert>
      ) : notes.length === 0 ? (
        <EmptyState title="No notes yet">Write what you learn, including what a side says in caucus.</EmptyState>
      ) : (
        <ul className="ws-list">
          {notes.map((note) => (
            <li key={note.id} className="ws-item" data-testid="mediator-note">
              {editing === note.id ? (
                <NoteForm
                  note={note}
                  sides={sides}
                  busy={busy}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (body, caucusSideId) => {
                    if (await run(update({ id: note.id, input: { body, caucusSideId } }), 'Note saved.')) setEditing(null);
                  }}
                />
              ) : (
                <>
                  {note.caucusSideId ? <p className="badge">Caucus: {sideName(sides, note.caucusSideId)}</p> : null}
                  <p className="ws-item__text">{note.body}</p>
                  <p className="ws-item__meta muted">
                    <time dateTime={note.updatedAt}>{formatDateTime(note.updatedAt)}</time>
                  </p>
                  <div className="ws-item__controls">
                    <button type="button" className="button button--small" onClick={() => setEditing(note.id)} disabled={busy}>
                      Edit<span className="visually-hidden"> note</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      disabled={busy}
                      onClick={() => {
                        if (typeof window.confirm === 'function' && !window.confirm('Delete this note for good?')) return;
                        void run(remove({ id: note.id }), 'Note deleted.');
                      }}
                    >
                      Delete<span className="visually-hidden"> note</span>
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <NoteForm
          sides={sides}
          busy={busy}
          onCancel={() => setAdding(false)}
          onSubmit={async (body, caucusSideId) => {
            if (await run(add({ caseId, input: { body, caucusSideId } }), 'Note added.')) setAdding(false);
          }}
        />
      ) : (
        <p className="panel__foot">
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Write a note
          </button>
        </p>
      )}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}

function NoteForm({
  note,
  sides,
  busy,
  onSubmit,
  onCancel,
}: {
  note?: MediatorNoteView;
  sides: readonly SideView[];
  busy: boolean;
  onSubmit(body: string, caucusSideId: string | null): void;
  onCancel?(): void;
}) {
  const id = useId();
  const [body, setBody] = useState(note?.body ?? '');
  const [caucus, setCaucus] = useState(note?.caucusSideId ?? '');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) return;
    onSubmit(body.trim(), caucus || null);
  }
  return (
    <form className="form ws-form" onSubmit={submit} aria-label={note ? 'Edit note' : 'Add a note'}>
      <div className="field">
        <label htmlFor={`${id}-body`}>{note ? 'Note' : 'New note'}</label>
        <textarea id={`${id}-body`} rows={3} required value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-caucus`}>Caucus with (optional)</label>
        <select id={`${id}-caucus`} value={caucus} onChange={(e) => setCaucus(e.target.value)}>
          <option value="">No caucus</option>
          {sides.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {note ? 'Save note' : 'Add note'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
