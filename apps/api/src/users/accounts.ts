import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { badInput } from '../common/errors.js';
import { ORG_ROLES, type OrgRole } from '../database/entities.js';

export const MIN_PASSWORD_LENGTH = 10;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewAccount {
  organisationId: string;
  email: string;
  displayName: string;
  orgRole: OrgRole;
  password: string;
}

export interface Account {
  id: string;
  organisationId: string;
  email: string;
  displayName: string;
  orgRole: OrgRole;
  createdAt: Date;
}

export function normaliseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badInput('email', 'enter an e-mail address such as name@example.org');
  return email;
}

export function checkDisplayName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > 200) throw badInput('displayName', 'enter a name of 1 to 200 characters');
  return name;
}

export function checkPassword(value: string | null | undefined, field = 'password'): string {
  if (!value) throw badInput(field, `choose a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  if (value.length < MIN_PASSWORD_LENGTH) throw badInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (value.length > 200) throw badInput(field, 'must be at most 200 characters long');
  return value;
}

/**
 * Creates an account with an argon2id password: used by createUser, by an accepted
 * invitation, and by the create-admin command. BAD_USER_INPUT names the field at fault,
 * including an e-mail that already has an account (e-mails are unique across organisations).
 */
export async function createAccount(manager: EntityManager, input: NewAccount): Promise<Account> {
  const email = normaliseEmail(input.email);
  const displayName = checkDisplayName(input.displayName);
  if (!ORG_ROLES.includes(input.orgRole)) throw badInput('orgRole', `must be one of ${ORG_ROLES.join(', ')}`);
  const password = checkPassword(input.password);
  const [taken] = await manager.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
  if (taken) throw duplicate();
  const passwordHash = await hashPassword(password);
  try {
    const [row] = await manager.query(
      `INSERT INTO users (organisation_id, email, display_name, password_hash, org_role) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, organisation_id AS "organisationId", email, display_name AS "displayName", org_role AS "orgRole", created_at AS "createdAt"`,
      [input.organisationId, email, displayName, passwordHash, input.orgRole],
    );
    return row as Account;
  } catch (error) {
    // Another request took the e-mail between the check and the insert.
    if ((error as { code?: string }).code === '23505') throw duplicate();
    throw error;
  }
}

const duplicate = () => badInput('email', 'an account with this e-mail address already exists');
