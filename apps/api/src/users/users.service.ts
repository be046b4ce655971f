import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../common/errors.js';
import { can } from '../policy/policy.js';
import type { CreateUserInput } from './dto/create-user.input.js';
import { createAccount, type Account } from './accounts.js';

/** Accounts of an organisation, managed by its admins. Nothing here reaches another organisation. */
@Injectable()
export class UsersService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async createUser(viewer: Viewer, input: CreateUserInput): Promise<Account> {
    // The organisation is always the admin's own: the input cannot name another one.
    if (!can(viewer, { type: 'user.create', organisationId: viewer.organisationId })) {
      throw new AppError('FORBIDDEN', 'Only an organisation admin can create accounts.');
    }
    return createAccount(this.db.manager, { ...input, organisationId: viewer.organisationId });
  }

  async organisationUsers(viewer: Viewer): Promise<Account[]> {
    if (!can(viewer, { type: 'user.list', organisationId: viewer.organisationId })) {
      throw new AppError('FORBIDDEN', 'Only an organisation admin can list its accounts.');
    }
    return this.db.query(
      `SELECT id, organisation_id AS "organisationId", email, display_name AS "displayName", org_role AS "orgRole", created_at AS "createdAt"
         FROM users WHERE organisation_id = $1 ORDER BY display_name, email`,
      [viewer.organisationId],
    );
  }
}
