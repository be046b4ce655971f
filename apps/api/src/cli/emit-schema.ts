import { writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { createApp } from '../app.js';
import { loadConfig } from '../config/config.js';
import { createDataSource } from '../database/data-source.js';

/**
 * `pnpm --filter @impasse/api schema`: writes the GraphQL schema the code defines to
 * schema.gql, the file the web's generated types come from. Needs no database.
 */
export async function currentSchema(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const app = await createApp(config, createDataSource({ url: 'postgres://unused@127.0.0.1:1/unused' }), { logger: false });
  await app.init();
  const sdl = printSchema(app.get(GraphQLSchemaHost).schema);
  await app.close();
  return `${sdl}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = new URL('../../schema.gql', import.meta.url);
  writeFileSync(target, await currentSchema());
  console.log('wrote schema.gql');
}
