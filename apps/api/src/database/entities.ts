import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * The tables of the foundation. Columns are snake_case in SQL (see the migration) and
 * camelCase here. Later issues add tables beside these; none of these are rewritten.
 */
export const ORG_ROLES = ['ORG_ADMIN', 'MEDIATOR', 'PROGRAM_ADMIN', 'MEMBER'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false }) passwordHash!: string | null;
  /** What the person does in the organisation; case roles come from participation instead. */
  @Column({ name: 'org_role', type: 'text', default: 'MEMBER' }) orgRole!: OrgRole;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}

@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'text' }) caption!: string;
  @Column({ name: 'docket_number', type: 'text', nullable: true }) docketNumber!: string | null;
  @Column({ name: 'dispute_type', type: 'text' }) disputeType!: string;
  @Column({ name: 'court_ordered', type: 'boolean', default: false }) courtOrdered!: boolean;
  @Column({ name: 'program_id', type: 'uuid', nullable: true }) programId!: string | null;
  @Column({ name: 'referral_source', type: 'text', nullable: true }) referralSource!: string | null;
  @Column({ name: 'referral_date', type: 'date', nullable: true }) referralDate!: string | null;
  @Column({ name: 'machine_version', type: 'integer' }) machineVersion!: number;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
  @Index()
  @Column({ name: 'resolution_state', type: 'text' })
  resolutionState!: string;
  @Column({ name: 'litigation_state', type: 'text' }) litigationState!: string;
  /** Compare-and-set counter; written only by `UPDATE … WHERE version = $n` in CasesService. */
  @Column({ type: 'integer', default: 1 }) version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @OneToMany(() => SideEntity, (side) => side.case) sides!: SideEntity[];
}

@Entity({ name: 'sides' })
export class SideEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @ManyToOne(() => CaseEntity, (c) => c.sides, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case!: CaseEntity;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ type: 'integer' }) position!: number;
}

@Entity({ name: 'participants' })
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'side_id', type: 'uuid', nullable: true }) sideId!: string | null;
}

/** Append-only: a trigger rejects UPDATE and DELETE (see the migration). */
@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryColumn({ type: 'bigint', generated: 'increment' }) id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'from_state', type: 'jsonb', nullable: true }) fromState!: Record<string, string> | null;
  @Column({ name: 'to_state', type: 'jsonb' }) toState!: Record<string, string>;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash!: string | null;
  @Column({ type: 'text' }) hash!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}


@Entity({ name: 'programs' })
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'court_connected', type: 'boolean', default: true }) courtConnected!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A disputed issue's details; its status lives in the statechart (OPEN, AGREED, …). */
@Entity({ name: 'issues' })
export class IssueEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'integer' }) position!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'mediation_sessions' })
export class MediationSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ type: 'text' }) format!: string;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'session_attendance' })
export class SessionAttendanceEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' }) sessionId!: string;
  @PrimaryColumn({ name: 'participant_id', type: 'uuid' }) participantId!: string;
  @Column({ type: 'boolean' }) attended!: boolean;
  @Column({ name: 'authority_to_settle', type: 'boolean', default: false }) authorityToSettle!: boolean;
}

@Entity({ name: 'agreement_terms' })
export class AgreementTermEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @PrimaryColumn({ name: 'issue_id', type: 'uuid' }) issueId!: string;
  @Column({ type: 'text' }) terms!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'deadlines' })
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'owner_participant_id', type: 'uuid', nullable: true }) ownerParticipantId!: string | null;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  SessionEntity,
  CaseEntity,
  SideEntity,
  ParticipantEntity,
  CaseEventEntity,
  ProgramEntity,
  IssueEntity,
  MediationSessionEntity,
  SessionAttendanceEntity,
  AgreementTermEntity,
  DeadlineEntity,
];
