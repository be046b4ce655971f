import { MEDIATION_OUTCOMES, type MediationOutcome } from '@impasse/case-machine';
import { useEffect, useRef } from 'react';
import { enumLabel } from '../../ui/lib/format';

/** The three ways a session can end, as buttons: "Settled", "Partial agreement", "No agreement". */
export function OutcomeChoice({
  disabled,
  onChoose,
  onCancel,
}: {
  disabled: boolean;
  onChoose(outcome: MediationOutcome): void;
  onCancel(): void;
}) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div className="choice" role="group" aria-labelledby="outcome-choice-label">
      <p className="choice__label" id="outcome-choice-label">
        How did the session end?
      </p>
      <div className="choice__options">
        {MEDIATION_OUTCOMES.map((outcome, index) => (
          <button
            key={outcome}
            ref={index === 0 ? first : undefined}
            type="button"
            className="button"
            disabled={disabled}
            onClick={() => onChoose(outcome)}
          >
            {enumLabel(outcome)}
          </button>
        ))}
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
