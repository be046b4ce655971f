import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fewer bytes than this make a weak HMAC key. */
export const AUDIT_KEY_BYTES = 32;

/** The key's bytes from hex or base64 (or base64url), or null when it is neither or too short. */
export function parseAuditKey(text: string): Buffer | null {
  const value = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0) bytes = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes && bytes.length >= AUDIT_KEY_BYTES ? bytes : null;
}

/**
 * The embedded database's audit key: `audit-key` in its data folder (mode 0600), written once.
 * `created` tells the caller the key is new, so heads written before it existed may be sealed.
 */
export function embeddedAuditKey(dataDir: string): { key: Buffer; created: boolean } {
  const file = join(dataDir, 'audit-key');
  if (existsSync(file)) {
    const key = parseAuditKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`The audit key file ${file} is not a key of at least ${AUDIT_KEY_BYTES} bytes in hex. Restore it from a backup.`);
    return { key, created: false };
  }
  const key = randomBytes(AUDIT_KEY_BYTES);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, created: true };
}
