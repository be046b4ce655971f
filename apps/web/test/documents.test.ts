import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, print, validate, type DocumentNode } from 'graphql';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = buildSchema(readFileSync(join(ROOT, '..', 'api', 'schema.gql'), 'utf8'));

/** Every module's `graphql/` folder, read from the disk: a new document is validated without a list. */
const MODULES = join(ROOT, 'src', 'modules');
const files = readdirSync(MODULES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const folder = join(MODULES, d.name, 'graphql');
    try {
      return readdirSync(folder).filter((f) => f.endsWith('.ts')).map((f) => join(folder, f));
    } catch {
      return [];
    }
  });
const loaded = await Promise.all(files.map((file) => import(file) as Promise<Record<string, unknown>>));
const documents = loaded
  .flatMap((module) => Object.entries(module))
  .filter((entry): entry is [string, DocumentNode] => (entry[1] as { kind?: unknown } | null)?.kind === 'Document');
const operations = documents.filter(([, doc]) => doc.definitions.some((d) => d.kind === 'OperationDefinition'));

// The result types are written by hand beside the documents; this keeps the documents
// themselves true to the api's schema.gql: a renamed field, a changed argument or a missing
// subscription fails here rather than in the browser.
describe('the web’s GraphQL documents', () => {
  it('are found in every module’s graphql folder, each operation named once', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    loaded.forEach((module, i) => {
      expect([files[i], Object.values(module).some((v) => (v as { kind?: unknown } | null)?.kind === 'Document')]).toEqual([files[i], true]);
    });
    const names = operations.flatMap(([, doc]) => doc.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : [])));
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operations)('%s validates against the api’s schema.gql', (_name, document) => {
    const errors = validate(schema, document).map((e) => e.message);
    expect({ errors, document: errors.length ? print(document) : '' }).toEqual({ errors: [], document: '' });
  });
});
