import { VisibleTo } from '../../ui/components/VisibleTo';
import { EmptyState } from '../../ui/components/Feedback';
import { enumLabel, roleLabel } from '../../ui/lib/format';
import type { CaseDetail, ParticipantView } from '../graphql/case';

/** The sides with their counsel and parties, then the neutral and the program. */
export function ParticipantsPanel({ item }: { item: Pick<CaseDetail, 'sides' | 'participants' | 'myRoles'> }) {
  const mySides = new Set(item.myRoles.map((r) => r.sideId).filter(Boolean));
  const others = item.participants.filter((p) => !p.sideId || !item.sides.some((s) => s.id === p.sideId));
  return (
    <section className="panel" aria-labelledby="sides-heading" data-testid="participants">
      <h2 className="panel__title" id="sides-heading">
        Sides and participants
      </h2>
      <VisibleTo>Visible to: the mediator, counsel and parties of every side (not the court program)</VisibleTo>
      {item.sides.length === 0 && item.participants.length === 0 ? (
        <EmptyState title="Nobody is on this case yet" />
      ) : (
        <ul className="sides">
          {item.sides.map((side) => {
            const people = item.participants.filter((p) => p.sideId === side.id);
            return (
              <li key={side.id} className="sides__item" data-testid="side" data-side-id={side.id}>
                <p className="sides__head">
                  <span className="sides__label">{side.label}</span>
                  <span className="sides__role">{roleLabel(side.role)}</span>
                  {side.status && side.status !== 'ACTIVE' ? <span className="badge">{enumLabel(side.status)}</span> : null}
                  {mySides.has(side.id) ? <span className="badge badge--mine">Your side</span> : null}
                </p>
                <People people={people} empty="No counsel or party listed." />
              </li>
            );
          })}
          {others.length > 0 ? (
            <li className="sides__item">
              <p className="sides__head">
                <span className="sides__label">Neutral and program</span>
              </p>
              <People people={others} empty="" />
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function People({ people, empty }: { people: ParticipantView[]; empty: string }) {
  if (people.length === 0) return empty ? <p className="sides__people muted">{empty}</p> : null;
  return (
    <ul className="sides__people">
      {people.map((p) => (
        <li key={p.id}>
          {p.name} <span className="muted">· {roleLabel(p.role)}</span>
        </li>
      ))}
    </ul>
  );
}
