import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID } from 'class-validator';
import { graphqlEnum } from '../common/graphql-enum.js';
import { LocalDateScalar } from '../common/date-scalars.js';
import { CASE_TYPE_ROWS, CASELOAD_COLUMNS } from './caseload.js';

export const CaseloadColumnEnum = graphqlEnum(
  'CaseloadColumn',
  CASELOAD_COLUMNS.map((c) => c.key),
  'A column of the NCSC ADR caseload form.',
);
export const CaseloadCaseTypeEnum = graphqlEnum(
  'CaseloadCaseType',
  [...CASE_TYPE_ROWS.map((r) => r.key), 'TOTAL'],
  'A row of the NCSC ADR caseload form: a case type, or the total.',
);

@InputType({ description: 'A program and a period, both days included, in the program’s time zone.' })
export class ReportPeriodInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'programId must be a program id' })
  programId!: string;

  // The scalar refuses a date not on the calendar before the resolver runs.
  @Field(() => LocalDateScalar, { description: 'The first day of the period.' })
  @IsString()
  from!: string;

  @Field(() => LocalDateScalar, { description: 'The last day of the period.' })
  @IsString()
  to!: string;
}

@ObjectType({ description: 'What a column counts, in words a clerk can check against the cases.' })
export class CaseloadColumnModel {
  @Field(() => CaseloadColumnEnum)
  key!: string;

  @Field()
  label!: string;

  @Field()
  definition!: string;
}

@ObjectType({ description: 'One figure of the table; a suppressed figure has no count.' })
export class CaseloadCellModel {
  @Field(() => CaseloadColumnEnum)
  column!: string;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed (a small count, or one that would give a small count away).' })
  count!: number | null;

  @Field()
  suppressed!: boolean;
}

@ObjectType()
export class CaseloadRowModel {
  @Field(() => CaseloadCaseTypeEnum)
  caseType!: string;

  @Field()
  label!: string;

  @Field(() => [CaseloadCellModel])
  cells!: CaseloadCellModel[];
}

@ObjectType({ description: 'The NCSC ADR caseload report of a program over a period, small cells suppressed.' })
export class CaseloadReportModel {
  @Field(() => ID)
  programId!: string;

  @Field()
  programName!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field({ description: 'The program’s time zone, in which the days are counted.' })
  timeZone!: string;

  @Field(() => Int, { description: 'The smallest count shown: a count from 1 to one less is suppressed, with others that would give it away.' })
  minimumCount!: number;

  @Field(() => Int)
  suppressedCells!: number;

  @Field(() => [CaseloadColumnModel])
  columns!: CaseloadColumnModel[];

  @Field(() => [CaseloadRowModel])
  rows!: CaseloadRowModel[];

  @Field({ description: 'The same table as CSV (a header row, a row per case type, the total last), suppressed cells written as "suppressed".' })
  csv!: string;
}

@ObjectType({ description: 'A court program whose reports the viewer reads.' })
export class ReportableProgramModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The program’s time zone, in which report days are counted.' })
  timeZone!: string;

  @Field(() => Int, { description: 'The smallest count its reports show.' })
  minimumCount!: number;
}

export const FigureKindEnum = graphqlEnum('FigureKind', ['COUNT', 'RATE', 'DAYS'], 'What a figure is: a count of referrals, a rate from 0 to 1, or days.');

@ObjectType('FigureColumn', { description: 'A column of a program figures table, with what it counts.' })
export class FigureColumnModel {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field()
  definition!: string;

  @Field(() => FigureKindEnum)
  kind!: string;
}

@ObjectType('FigureCell', { description: 'One figure; a suppressed figure, or a rate with nothing to divide by, has no value.' })
export class FigureCellModel {
  @Field()
  column!: string;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field()
  suppressed!: boolean;
}

@ObjectType('FigureRow')
export class FigureRowModel {
  @Field()
  key!: string;

  @Field()
  label!: string;

  @Field(() => [FigureCellModel])
  cells!: FigureCellModel[];
}

@ObjectType('FigureTable', { description: 'A table of a program’s figures, small cells suppressed, with its CSV.' })
export class FigureTableModel {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field({ description: 'What the rows are (the heading of the first column).' })
  rowsAre!: string;

  @Field(() => [FigureColumnModel])
  columns!: FigureColumnModel[];

  @Field(() => [FigureRowModel])
  rows!: FigureRowModel[];

  @Field({ description: 'The same table as CSV, suppressed figures written as "suppressed", rates as fractions.' })
  csv!: string;
}

export const StallQuarterStatusEnum = graphqlEnum(
  'StallQuarterStatus',
  ['SHOWN', 'NOT_ENDED', 'PARTLY_OUTSIDE_PERIOD'],
  'Whether the stall table shows a quarter: only a calendar quarter that has ended and lies wholly inside the period is shown.',
);

@ObjectType('StallQuarter', { description: 'A calendar quarter the period touches (in the program’s time zone), and whether the stall table shows it.' })
export class StallQuarterModel {
  @Field({ description: 'The quarter’s first day.' })
  key!: string;

  @Field()
  label!: string;

  @Field(() => StallQuarterStatusEnum)
  status!: string;
}

@ObjectType('ProgramFigures', {
  description: 'A program’s settlement rates and days over a period, suppressed together; and its stall reasons by ended quarter, suppressed on their own.',
})
export class ProgramFiguresModel {
  @Field(() => ID)
  programId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Int)
  minimumCount!: number;

  @Field(() => [FigureTableModel])
  tables!: FigureTableModel[];

  @Field(() => [StallQuarterModel], {
    description: 'Every calendar quarter the period touches, and whether the stall reasons table (STALL_REASONS) shows it: a quarter still running, or only partly inside the period, is not shown.',
  })
  stallQuarters!: StallQuarterModel[];
}
