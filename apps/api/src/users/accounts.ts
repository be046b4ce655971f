import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { translations } from '@zxcvbn-ts/language-en';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../auth/passwords.js';
import { badInput } from '../common/errors.js';
import { ORG_ROLES, type OrgRole } from '../database/entities.js';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's score (0–4) a chosen password must reach: 3 is "safely unguessable" against online and throttled offline guessing. */
export const MIN_PASSWORD_SCORE = 3;
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

// Built on first use: loading the dictionaries costs a few tens of milliseconds.
let strength: ZxcvbnFactory | undefined;

/**
 * Checks a password someone chooses (createUser, an accepted invitation, create-admin):
 * its length, and its strength by zxcvbn (common passwords and keyboard patterns, with
 * English feedback) against what the account itself gives away: the e-mail, its local part
 * and the display name, each also split into words. Below MIN_PASSWORD_SCORE it is
 * BAD_USER_INPUT with zxcvbn's own warning and suggestions.
 */
export function checkPassword(
  value: string | null | undefined,
  field = 'password',
  account: { email?: string; displayName?: string } = {},
): string {
  if (!value) throw badInput(field, `choose a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  if (value.length < MIN_PASSWORD_LENGTH) throw badInput(field, `must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (value.length > 200) throw badInput(field, 'must be at most 200 characters long');
  strength ??= new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs, translations });
  const result = strength.check(value, userInputs(account));
  if (result.score < MIN_PASSWORD_SCORE) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((line): line is string => Boolean(line));
    if (advice.length === 0) advice.push('Add another word or two that are less common.');
    throw badInput(field, `too easy to guess. ${advice.join(' ')}`);
  }
  return value;
}

/** The words of the account that a password must not lean on. */
function userInputs({ email, displayName }: { email?: string; displayName?: string }): string[] {
  const inputs = new Set<string>();
  const add = (text: string | undefined) => {
    const value = text?.trim().toLowerCase();
    if (!value) return;
    inputs.add(value);
    const words = value.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    for (const word of words) inputs.add(word);
    if (words.length > 1) inputs.add(words.join(''));
  };
  add(email);
  add(email?.split('@')[0]);
  add(displayName);
  return [...inputs];
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
  const password = checkPassword(input.password, 'password', { email, displayName });
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
