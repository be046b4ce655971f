#!/usr/bin/env node
// Writes src/generated/schema.ts from the api's schema.gql: every enum as a constant list
// and a union type, every input object as an interface, and a map of the fields of
// CaseEventInput (which events take `true` and which take a payload).
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

const SCALARS = { ID: 'string', String: 'string', Boolean: 'boolean', Int: 'number', Float: 'number', DateTime: 'string' };

function constantName(typeName) {
  // DisputeType -> DISPUTE_TYPES
  return `${typeName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}S`;
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
      '\n/**\n * The fields of CaseEventInput, one per event the api accepts: `BOOLEAN` fields are sent as\n' +
      ' * `true`; `INPUT` fields need the named input object as their payload.\n */\n' +
      'export const CASE_EVENT_INPUT_FIELDS: Readonly<\n' +
      '  Record<keyof CaseEventInput, { kind: \'BOOLEAN\' } | { kind: \'INPUT\'; type: string }>\n' +
      '> = {\n';
    for (const field of Object.values(eventInput.getFields())) {
      const named = getNamedType(field.type);
      const entry =
        isScalarType(named) && named.name === 'Boolean'
          ? "{ kind: 'BOOLEAN' }"
          : `{ kind: 'INPUT', type: '${named.name}' }`;
      out += `  ${field.name}: ${entry},\n`;
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
