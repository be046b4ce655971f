import { useState } from 'react';
import type { CaseDetail } from '../../cases/graphql/case';
import { SetPlaybookItemDoneMutation } from '../../cases/graphql/records';
import { useCaseEdit } from '../../cases/hooks/useCaseEdit';
import { ErrorAlert } from '../../ui/components/Feedback';
import { enumLabel } from '../../ui/lib/format';
import { offers } from '../../cases/lib/editing';
import { VisibleTo } from '../../ui/components/VisibleTo';

type PlaybookCase = Pick<CaseDetail, 'id' | 'playbook' | 'allowedEdits'>;

/** The process checklist for the case's dispute type and path (case-shared), with progress; the mediator and the sides tick items. */
export function PlaybookPanel({ item, onChanged }: { item: PlaybookCase; onChanged(): void }) {
  const edit = useCaseEdit(SetPlaybookItemDoneMutation, onChanged);
  const [status, setStatus] = useState('');
  const playbook = item.playbook;
  if (!playbook) return null;
  const canTick = offers(item, 'PLAYBOOK');

  async function toggle(itemId: string, label: string, done: boolean) {
    setStatus('');
    const ok = await edit.run({ caseId: item.id, itemId, done });
    if (ok) setStatus(done ? `Done: ${label}.` : `Not done: ${label}.`);
  }

  return (
    <section className="panel" aria-labelledby="playbook-heading" data-testid="playbook">
      <div className="panel__head">
        <h2 className="panel__title" id="playbook-heading">
          Process checklist: {enumLabel(playbook.path)}
        </h2>
        <p className="panel__summary" data-testid="playbook-progress">
          {playbook.done} of {playbook.total} done
        </p>
      </div>
      <VisibleTo>Visible to: the mediator and every side’s counsel and parties</VisibleTo>
      <progress className="playbook__progress" max={playbook.total || 1} value={playbook.done} aria-label={`Process checklist progress: ${playbook.done} of ${playbook.total} done`} />
      <ul className="checklist playbook__items">
        {playbook.items.map((entry) => (
          <li key={entry.id} className="check">
            <input
              id={`playbook-${entry.id}`}
              type="checkbox"
              checked={entry.done}
              disabled={!canTick || edit.saving}
              onChange={(e) => void toggle(entry.id, entry.label, e.target.checked)}
            />
            <label htmlFor={`playbook-${entry.id}`}>{entry.label}</label>
          </li>
        ))}
      </ul>
      {canTick ? null : <p className="panel__note">The mediator and the sides tick items off.</p>}
      {edit.error ? <ErrorAlert title="The checklist was not changed" message={edit.error.message} /> : null}
      <p className="panel__status" role="status">
        {status}
      </p>
    </section>
  );
}
