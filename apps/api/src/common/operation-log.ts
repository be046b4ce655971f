import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { clientCode } from './format-error.js';

/** What one log line says about one GraphQL operation. Never its variables: they carry case content. */
export interface OperationLogEntry {
  operation: string | null;
  type: string | null;
  ms: number;
  userId: string | null;
  errors: string[];
}

const LEVELS_WITH_INFO: readonly AppConfig['LOG_LEVEL'][] = ['info', 'debug', 'trace'];

/**
 * One line per GraphQL operation over HTTP: its name and type, how long it took, who asked and
 * the error codes it answered with; what an operator needs, where an HTTP access line would
 * only say "POST /graphql 200" (so pino-http leaves /graphql to this). At a level quieter
 * than info it installs nothing, and costs nothing per request.
 */
export function operationLogPlugins(
  level: AppConfig['LOG_LEVEL'],
  write: (entry: OperationLogEntry) => void = (entry) => new Logger('GraphQL').log(entry),
): ApolloServerPlugin<{ viewer?: { userId: string } | null }>[] {
  if (!LEVELS_WITH_INFO.includes(level)) return [];
  return [
    {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operationName, operation, errors, contextValue }) {
            write({
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              userId: contextValue.viewer?.userId ?? null,
              errors: (errors ?? []).map(clientCode),
            });
          },
        };
      },
    },
  ];
}
