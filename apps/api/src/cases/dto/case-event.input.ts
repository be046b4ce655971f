import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { MEDIATION_OUTCOMES, type CaseEvent } from '@impasse/case-machine';
import { badInput } from '../../common/errors.js';

export enum MediationOutcomeEnum {
  SETTLED = 'SETTLED',
  PARTIAL_AGREEMENT = 'PARTIAL_AGREEMENT',
  NO_AGREEMENT = 'NO_AGREEMENT',
}
registerEnumType(MediationOutcomeEnum, { name: 'MediationOutcome' });

@InputType()
export class RecordOutcomeInput {
  @Field(() => MediationOutcomeEnum)
  @IsEnum(MediationOutcomeEnum)
  outcome!: MediationOutcomeEnum;
}

/**
 * One field per statechart event (`@oneOf`): the schema types each event's payload, and a
 * client sets exactly one. Events without a payload take `true`.
 */
@InputType({ isOneOf: true, description: 'Set exactly one field: the event to send.' })
export class CaseEventInput {
  @Field({ nullable: true, description: 'Schedule the mediation session (send true).' })
  @IsOptional()
  @IsBoolean()
  scheduleMediation?: boolean;

  @Field({ nullable: true, description: 'The mediation session has started (send true).' })
  @IsOptional()
  @IsBoolean()
  startSession?: boolean;

  @Field(() => RecordOutcomeInput, { nullable: true, description: 'Record how the session ended.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecordOutcomeInput)
  recordOutcome?: RecordOutcomeInput;
}

/** Turns the GraphQL input into the machine's event. */
export function toMachineEvent(input: CaseEventInput): CaseEvent {
  if (input.scheduleMediation) return { type: 'SCHEDULE_MEDIATION' };
  if (input.startSession) return { type: 'START_SESSION' };
  if (input.recordOutcome) {
    if (!MEDIATION_OUTCOMES.includes(input.recordOutcome.outcome)) {
      throw badInput('event.recordOutcome.outcome', `must be one of ${MEDIATION_OUTCOMES.join(', ')}`);
    }
    return { type: 'RECORD_OUTCOME', outcome: input.recordOutcome.outcome };
  }
  throw badInput('event', 'set exactly one event field to true or to its payload');
}

/** What goes on the timeline: the event's non-confidential fields only. */
export function summarise(event: CaseEvent): { payload: Record<string, unknown>; summary: string } {
  switch (event.type) {
    case 'RECORD_OUTCOME':
      return { payload: { outcome: event.outcome }, summary: `Outcome recorded: ${event.outcome.replaceAll('_', ' ').toLowerCase()}` };
    case 'SCHEDULE_MEDIATION':
      return { payload: {}, summary: 'Mediation scheduled' };
    case 'START_SESSION':
      return { payload: {}, summary: 'Mediation session started' };
    default: {
      // An event not listed here records its name only: payloads may be confidential.
      const type: string = (event as { type: string }).type;
      return { payload: {}, summary: type.charAt(0) + type.slice(1).replaceAll('_', ' ').toLowerCase() };
    }
  }
}
