#!/usr/bin/env node
// Writes src/generated/schema.ts from the api's schema.gql: every enum as a constant list
// and a union type, every input object as an interface, and a table of the fields of
// CaseEventInput: which events take `true`, and for the others each payload field with its
// kind (STRING, STRING_LIST, BOOLEAN, DATE, ENUM with its values, …) and whether it is
// required, so that the dashboard's event form is built from the schema, not from a list.
//
//   node scripts/generate-schema-types.mjs          write the file
//   node scripts/generate-schema-types.mjs --check  exit 1 if the file is not current
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = join(here, '..');
const schemaPath = process.env.SCHEMA_PATH ?? join(webRoot, '..', 'api', 'schema.gql');
const outPath = join(webRoot, 'src', 'generated', 'schema.ts');

const SCALARS = { ID: 'string', String: 'string', Boolean: 'boolean', Int: 'number', Float: 'number', DateTime: 'string', LocalDate: 'string' };

function constantName(typeName) {
  // DisputeType -> DISPUTE_TYPES, AgreementStatus -> AGREEMENT_STATUSES, Remedy -> REMEDIES
  const upper = typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  if (/[^AEIOU]Y$/.test(upper)) return `${upper.slice(0, -1)}IES`;
  if (/(S|SH|CH|X|Z)$/.test(upper)) return `${upper}ES`;
  return `${upper}S`;
}

/** The api writes a payload-less event's description with this suffix. */
const SEND_TRUE_SUFFIX = /\s*\(send true\)\s*$/;

function text(description) {
  return description ? description.replace(/\s+/g, ' ').trim() : null;
}

/**
 * One payload field as the event form needs it: its kind, whether it is required, its enum
 * values. DATE is a `LocalDate` (the api's scalar for the statechart's DATE fields, written
 * YYYY-MM-DD); OTHER is anything the form cannot ask for (a nested input).
 */
function payloadField(field) {
  const named = getNamedType(field.type);
  const nonNull = isNonNullType(field.type);
  const inner = nonNull ? field.type.ofType : field.type;
  const list = isListType(inner);
  const description = text(field.description);
  let kind;
  let values;
  if (isEnumType(named)) {
    kind = list ? 'ENUM_LIST' : 'ENUM';
    values = constantName(named.name);
  } else if (isScalarType(named) && named.name === 'Boolean' && !list) {
    kind = 'BOOLEAN';
  } else if (isScalarType(named) && (named.name === 'Int' || named.name === 'Float') && !list) {
    kind = 'NUMBER';
  } else if (isScalarType(named) && named.name === 'LocalDate' && !list) {
    kind = 'DATE';
  } else if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
    kind = list ? 'STRING_LIST' : 'STRING';
  } else {
    kind = 'OTHER';
  }
  const parts = [`name: '${field.name}'`, `kind: '${kind}'`, `required: ${nonNull && field.defaultValue === undefined}`];
  if (values) parts.push(`values: ${values}`);
  parts.push(`description: ${JSON.stringify(description)}`);
  return `{ ${parts.join(', ')} }`;
}

function tsType(type) {
  if (isNonNullType(type)) return tsType(type.ofType);
  if (isListType(type)) return `readonly ${wrap(tsType(type.ofType))}[]`;
  if (isScalarType(type)) return SCALARS[type.name] ?? 'string';
  return type.name;
}

function wrap(t) {
  return t.includes(' ') ? `(${t})` : t;
}

function doc(description, indent = '') {
  if (!description) return '';
  return `${indent}/** ${description.replace(/\s+/g, ' ').trim()} */\n`;
}

export function generate(sdl) {
  const schema = buildSchema(sdl);
  const types = Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  let out =
    '// Generated from the api\'s schema.gql by scripts/generate-schema-types.mjs: do not edit.\n' +
    '// Run `pnpm gen` in apps/web after the schema changes; a test fails while this file is stale.\n';

  for (const type of types.filter(isEnumType)) {
    const values = type.getValues().map((v) => `'${v.name}'`);
    out += `\n${doc(type.description)}export const ${constantName(type.name)} = [${values.join(', ')}] as const;\n`;
    out += `export type ${type.name} = (typeof ${constantName(type.name)})[number];\n`;
  }

  for (const type of types.filter(isInputObjectType)) {
    out += `\n${doc(type.description)}export interface ${type.name} {\n`;
    for (const field of Object.values(type.getFields())) {
      const optional = !isNonNullType(field.type);
      out += doc(field.description, '  ');
      out += `  ${field.name}${optional ? '?' : ''}: ${tsType(field.type)}${optional ? ' | null' : ''};\n`;
    }
    out += '}\n';
  }

  const eventInput = schema.getType('CaseEventInput');
  if (eventInput && isInputObjectType(eventInput)) {
    out +=
      '\n/** One payload field of an event: what the event form asks for, read from the schema. */\n' +
      'export interface EventPayloadField {\n' +
      '  readonly name: string;\n' +
      '  /** DATE is a calendar date (YYYY-MM-DD); ENUM and ENUM_LIST take `values`; OTHER cannot be asked for. */\n' +
      "  readonly kind: 'STRING' | 'STRING_LIST' | 'BOOLEAN' | 'NUMBER' | 'DATE' | 'ENUM' | 'ENUM_LIST' | 'OTHER';\n" +
      '  readonly required: boolean;\n' +
      '  readonly values?: readonly string[];\n' +
      '  readonly description: string | null;\n' +
      '}\n' +
      '\n/** A field of CaseEventInput: `BOOLEAN` events are sent as `true`; `INPUT` events take the named payload. */\n' +
      'export type CaseEventInputField =\n' +
      "  | { readonly kind: 'BOOLEAN'; readonly description: string | null }\n" +
      "  | { readonly kind: 'INPUT'; readonly type: string; readonly description: string | null; readonly fields: readonly EventPayloadField[] };\n" +
      '\n/**\n * The fields of CaseEventInput, one per event the api accepts, with each payload\'s fields in\n' +
      ' * the schema\'s order.\n */\n' +
      'export const CASE_EVENT_INPUT_FIELDS: Readonly<Record<keyof CaseEventInput, CaseEventInputField>> = {\n';
    for (const field of Object.values(eventInput.getFields())) {
      const named = getNamedType(field.type);
      const description = JSON.stringify(text(field.description)?.replace(SEND_TRUE_SUFFIX, '') ?? null);
      if (isScalarType(named) && named.name === 'Boolean') {
        out += `  ${field.name}: { kind: 'BOOLEAN', description: ${description} },\n`;
      } else if (isInputObjectType(named)) {
        const fields = Object.values(named.getFields()).map((f) => `      ${payloadField(f)},\n`).join('');
        out += `  ${field.name}: {\n    kind: 'INPUT',\n    type: '${named.name}',\n    description: ${description},\n    fields: [\n${fields}    ],\n  },\n`;
      } else {
        out += `  ${field.name}: { kind: 'INPUT', type: '${named.name}', description: ${description}, fields: [] },\n`;
      }
    }
    out += '};\n';
  }
  return out;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const check = process.argv.includes('--check');
  const next = generate(readFileSync(schemaPath, 'utf8'));
  let current = null;
  try {
    current = readFileSync(outPath, 'utf8');
  } catch {
    current = null;
  }
  const shown = relative(process.cwd(), outPath);
  if (check) {
    if (current !== next) {
      console.error(`${shown} is out of date with the api's schema.gql: run \`pnpm gen\` in apps/web.`);
      process.exit(1);
    }
    console.log(`${shown} is current.`);
  } else {
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, next);
    console.log(`wrote ${shown}`);
  }
}
