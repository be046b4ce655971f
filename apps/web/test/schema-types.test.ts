import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType } from 'graphql';
import { CASE_EVENT_INPUT_FIELDS, CASE_EVENT_TYPES, STALL_REASONS } from '../src/generated/schema';
import { eventInputField, NOT_SENT_AS_EVENTS } from '../src/modules/cases/lib/events';

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(webRoot, '..', 'api', 'schema.gql');
const generator = join(webRoot, 'scripts', 'generate-schema-types.mjs');

function check(schemaFile: string) {
  return spawnSync(process.execPath, [generator, '--check'], { encoding: 'utf8', env: { ...process.env, SCHEMA_PATH: schemaFile } });
}

// The web reads event payloads and enums from src/generated/schema.ts; a stale file would
// send the wrong payload, or build a form for fields the api no longer takes.
describe('src/generated/schema.ts', () => {
  (existsSync(schemaPath) ? it : it.skip)('is current with the api’s schema.gql (run `pnpm gen` if not)', () => {
    const run = check(schemaPath);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  (existsSync(schemaPath) ? it : it.skip)('is reported stale when an event input changes in the schema', () => {
    const sdl = readFileSync(schemaPath, 'utf8');
    const changed = sdl.replace(/input RecordStallReasonInput \{/, 'input RecordStallReasonInput {\n  """A note."""\n  note: String\n');
    expect(changed).not.toBe(sdl);
    const file = join(mkdtempSync(join(tmpdir(), 'impasse-schema-')), 'schema.gql');
    writeFileSync(file, changed);
    const run = check(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/out of date/);
  });
});

describe('the event-input table', () => {
  const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
  const eventInput = schema.getType('CaseEventInput');

  it('has one entry per CaseEventInput field, and one per event the api names', () => {
    if (!isInputObjectType(eventInput)) throw new Error('CaseEventInput is missing from schema.gql');
    expect(Object.keys(CASE_EVENT_INPUT_FIELDS).sort()).toEqual(Object.keys(eventInput.getFields()).sort());
    expect(CASE_EVENT_TYPES.filter((event) => !NOT_SENT_AS_EVENTS.has(event)).map(eventInputField).filter((f) => !(f in CASE_EVENT_INPUT_FIELDS))).toEqual([]);
  });

  it('gives each payload field the kind, requiredness and enum values of the schema', () => {
    if (!isInputObjectType(eventInput)) throw new Error('CaseEventInput is missing from schema.gql');
    for (const [name, entry] of Object.entries(CASE_EVENT_INPUT_FIELDS)) {
      const payload = getNamedType(eventInput.getFields()[name]!.type);
      if (entry.kind === 'BOOLEAN') {
        expect([name, payload.name]).toEqual([name, 'Boolean']);
        continue;
      }
      if (!isInputObjectType(payload)) throw new Error(`${name} is not an input object`);
      const fields = Object.values(payload.getFields());
      expect(entry.fields.map((f) => f.name)).toEqual(fields.map((f) => f.name));
      for (const field of fields) {
        const spec = entry.fields.find((f) => f.name === field.name)!;
        const named = getNamedType(field.type);
        const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
        expect([name, field.name, spec.required]).toEqual([name, field.name, isNonNullType(field.type) && field.defaultValue === undefined]);
        if (isEnumType(named)) expect(spec.values).toEqual(named.getValues().map((v) => v.name));
        if (isListType(inner)) expect(spec.kind).toMatch(/_LIST$/);
      }
    }
  });

  it('reads the api’s calendar dates and enums as such', () => {
    expect(CASE_EVENT_INPUT_FIELDS.assignOutreachOwner).toEqual({
      kind: 'INPUT',
      type: 'AssignOutreachOwnerInput',
      description: 'Name the one person who owns the next outreach, with the date of the next touchpoint.',
      fields: [
        { name: 'ownerId', kind: 'STRING', required: true, description: 'The participant who owns the next outreach.' },
        { name: 'touchpointDate', kind: 'DATE', required: true, description: 'The date of the next touchpoint.' },
      ],
    });
    expect(CASE_EVENT_INPUT_FIELDS.recordStallReason.kind === 'INPUT' && CASE_EVENT_INPUT_FIELDS.recordStallReason.fields).toEqual([
      { name: 'reason', kind: 'ENUM', required: true, values: STALL_REASONS, description: 'The stall reason.' },
    ]);
    expect(CASE_EVENT_INPUT_FIELDS.startSession).toEqual({ kind: 'BOOLEAN', description: 'The mediation session has started.' });
  });
});
