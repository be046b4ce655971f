import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type DynamicModule, Global, Logger, Module, RequestMethod } from '@nestjs/common';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { parseCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from './config/config.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthService, SESSION_COOKIE } from './auth/auth.service.js';
import type { RequestContext } from './auth/viewer.js';
import { CasesModule } from './cases/cases.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MediatorAssignmentsModule } from './mediator-assignments/mediator-assignments.module.js';
import { UsersModule } from './users/users.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { formatGraphQLError } from './common/format-error.js';
import { operationLogPlugins } from './common/operation-log.js';
import { costLimitPlugin, limitParseOptions, limitRules } from './common/query-limits.js';
import { StrictDateTime } from './common/date-time.scalar.js';
import { describeUnexpected, unexpectedErrorLogPlugin } from './common/error-log.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import {
  isSocketConnection,
  socketToken,
  socketTransport,
  upgradeRequest,
  type SocketConnection,
  type SocketContext,
} from './realtime/socket-transport.js';
import { MissingAssetController } from './web/missing-asset.controller.js';
import { HealthController } from './health/health.controller.js';

export { APP_CONFIG };

@Global()
@Module({})
class CoreModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
      ],
      exports: [APP_CONFIG, DataSource],
    };
  }
}

/** The built dashboard: WEB_DIST, else the dist folder of the @impasse/web package. */
export function webDistPath(config: AppConfig): string | null {
  if (config.WEB_DIST) return config.WEB_DIST;
  try {
    const require = createRequire(import.meta.url);
    const dist = join(dirname(require.resolve('@impasse/web/package.json')), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : null;
  } catch {
    return null;
  }
}

/**
 * Paths pino censors on every line: request secrets, and whatever a database error or a GraphQL
 * request carries (query parameters, the failing row, variables, passwords).
 */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'err.parameters',
  'err.query',
  'err.detail',
  'err.driverError',
  '*.parameters',
  '*.driverError',
  '*.detail',
  '*.variables',
  'variables',
  'password',
  '*.password',
  '*.authorization',
  '*.cookie',
  'token',
  '*.token',
] as const;

export interface AppModuleOptions {
  /** Where the log goes (standard output unless a test captures it). */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource, options: AppModuleOptions = {}): DynamicModule {
    const web = webDistPath(config);
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, dataSource),
        LoggerModule.forRoot({
          // GraphQL operations get a line of their own (common/operation-log.ts), cheaper and
          // more telling than an access line with a per-request child logger.
          exclude: [{ method: RequestMethod.ALL, path: 'graphql' }],
          pinoHttp: [
            {
              level: config.LOG_LEVEL,
              // A second line of defence: what could carry a value or a secret is censored on any
              // line, should an error or an object reach the log whole.
              redact: { paths: [...LOG_REDACT_PATHS], censor: '[redacted]' },
              autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
            },
            options.logDestination ?? pino.destination(1),
          ],
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule],
          inject: [AuthService],
          useFactory: (auth: AuthService) => ({
            autoSchemaFile: true,
            sortSchema: true,
            // DateTime inputs are strict: a real calendar date, an ISO 8601 date-time with its offset.
            buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTime }] },
            path: '/graphql',
            // The dashboard and tests explore the schema; it holds nothing secret.
            introspection: true,
            // No HTTP caching of GraphQL answers (they are per viewer and often confidential):
            // without this Apollo installs its cache-control plugin, which wraps every field
            // resolver of every request to compute cache hints nobody reads.
            // Unexpected errors are logged once, by the plugin, with the operation's name and
            // without values (common/error-log.ts); formatting only hides them from the client.
            plugins: [ApolloServerPluginCacheControlDisabled(), unexpectedErrorLogPlugin(), costLimitPlugin(), ...operationLogPlugins(config.LOG_LEVEL)],
            // Limits checked before anything runs (common/query-limits.ts): tokens while parsing,
            // depth, aliases and directives while validating, cost once the variables are known.
            parseOptions: limitParseOptions,
            validationRules: [...limitRules],
            // One operation per HTTP request: a batch would multiply every limit.
            allowBatchedHttpRequests: false,
            includeStacktraceInErrorResponses: false,
            formatError: (formatted, error) => formatGraphQLError(formatted, error, () => undefined),
            // Subscriptions over graphql-ws on the same port and path (see realtime/).
            subscriptions: {
              'graphql-ws': socketTransport('/graphql', (e) => new Logger('GraphQL').error(describeUnexpected(e, 'subscription'))),
            },
            // Called with Fastify's request and reply over HTTP and with the socket's context over graphql-ws.
            context: async (input: FastifyRequest | SocketConnection, reply?: FastifyReply): Promise<RequestContext | SocketContext> =>
              isSocketConnection(input)
                ? { transport: 'websocket', req: upgradeRequest(input), ...(await auth.sessionForToken(socketToken(input))) }
                : { req: input, res: reply!, ...(await auth.sessionForToken(tokenFrom(input))) },
          }),
        }),
        ...(web
          ? [
              // Files of the dashboard; any other GET the api has no route for gets its index.html
              // (the dashboard routes in the browser). Routes the api has win over the fallback.
              // The build writes a brotli and a gzip copy next to each file; the one the browser
              // accepts is sent (the copies themselves are no routes). Caching: common/security-headers.ts.
              ServeStaticModule.forRoot({
                rootPath: web,
                // globIgnore is @fastify/static's own option, which Nest's type does not list.
                serveStaticOptions: { fallthrough: true, preCompressed: true, ...{ globIgnore: ['**/*.br', '**/*.gz'] } },
              }),
            ]
          : []),
        AuthModule,
        CasesModule,
        WorkspacesModule,
        RealtimeModule,
        UsersModule,
        ReportingModule,
        InvitationsModule,
        MediatorAssignmentsModule,
        RemindersModule.register(config),
      ],
      controllers: [HealthController, ...(web ? [MissingAssetController] : [])],
    };
  }
}

function tokenFrom(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
}
