import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnModuleDestroy, RequestMethod } from '@nestjs/common';
import type pg from 'pg';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { parseCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { admissionLimits, APP_CONFIG, type AppConfig } from './config/config.js';
import { ADMISSION_GATE, AdmissionGate, isPoolTimeout, unavailable, unavailableStatusPlugin } from './common/admission.js';
import { clientAddress, proxyTrust } from './common/client-address.js';
import { REQUEST_RATE_LIMITS, RequestRateLimits } from './common/rate-limit.js';
import { createServicePool, SERVICE_POOL } from './database/service-pool.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthService, SESSION_COOKIE } from './auth/auth.service.js';
import type { RequestContext } from './auth/viewer.js';
import { CasesModule } from './cases/cases.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MediatorAssignmentsModule } from './mediator-assignments/mediator-assignments.module.js';
import { UsersModule } from './users/users.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { formatGraphQLError, withoutSuggestions } from './common/format-error.js';
import { operationLogPlugins } from './common/operation-log.js';
import { costLimitPlugin, limitParseOptions, limitRules } from './common/query-limits.js';
import { DateTimeScalar } from './common/date-scalars.js';
import { describeUnexpected, unexpectedErrorLogPlugin } from './common/error-log.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { MailModule } from './mail/mail.module.js';
import {
  isSocketConnection,
  socketToken,
  socketTransport,
  upgradeRequest,
  type SocketConnection,
  type SocketContext,
} from './realtime/socket-transport.js';
import { MissingAssetController } from './web/missing-asset.controller.js';
import { DatabaseHealth } from './health/database-health.js';
import { databaseUnavailable, isDatabaseUnavailable } from './common/database-unavailable.js';
import { HealthController } from './health/health.controller.js';

export { APP_CONFIG };

/** Closes what the core module opened beside the data source, when the app closes. */
@Injectable()
class CoreShutdown implements OnModuleDestroy {
  constructor(
    @Inject(SERVICE_POOL) private readonly pool: pg.Pool,
    @Inject(REQUEST_RATE_LIMITS) private readonly limits: RequestRateLimits,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.limits.close();
    await this.pool.end().catch(() => undefined);
  }
}

@Global()
@Module({})
class CoreModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    const pool = createServicePool(dataSource, config.DATABASE_POOL_WAIT_MS);
    const { inFlight, queued } = admissionLimits(config);
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: SERVICE_POOL, useValue: pool },
        { provide: REQUEST_RATE_LIMITS, useValue: RequestRateLimits.fromConfig(config, pool) },
        { provide: ADMISSION_GATE, useValue: new AdmissionGate(inFlight, queued, config.DATABASE_POOL_WAIT_MS) },
        CoreShutdown,
      ],
      exports: [APP_CONFIG, DataSource, SERVICE_POOL, REQUEST_RATE_LIMITS, ADMISSION_GATE],
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
          inject: [AuthService, REQUEST_RATE_LIMITS],
          useFactory: (auth: AuthService, limits: RequestRateLimits) => {
            // The socket's upgrade request never reaches Fastify: its address follows the same proxy rule.
            const socketProxyTrust = proxyTrust(config.TRUST_PROXY);
            return {
            autoSchemaFile: true,
            sortSchema: true,
            // Every Date field is graphql-scalars' DateTime, strict on input (common/date-scalars.ts).
            buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
            path: '/graphql',
            // The trial explores the schema (GraphiQL, the tests); a deployment answers no
            // `__schema`/`__type` and no "Did you mean" (the schema is published with the source,
            // schema.gql, but a deployment gives a stranger no map of it). Said by MODE, never by NODE_ENV.
            introspection: config.MODE === 'trial',
            graphiql: config.MODE === 'trial',
            hideSchemaDetailsFromClientErrors: config.MODE === 'deployment',
            // No HTTP caching of GraphQL answers (they are per viewer and often confidential):
            // without this Apollo installs its cache-control plugin, which wraps every field
            // resolver of every request to compute cache hints nobody reads.
            // Unexpected errors are logged once, by the plugin, with the operation's name and
            // without values (common/error-log.ts); formatting only hides them from the client.
            plugins: [
              ApolloServerPluginCacheControlDisabled(),
              unexpectedErrorLogPlugin(),
              costLimitPlugin(),
              unavailableStatusPlugin(),
              ...operationLogPlugins(config.LOG_LEVEL),
            ],
            // Limits checked before anything runs (common/query-limits.ts): tokens while parsing,
            // depth, aliases and directives while validating, cost once the variables are known.
            parseOptions: limitParseOptions,
            validationRules: [...limitRules],
            // One operation per HTTP request: a batch would multiply every limit.
            allowBatchedHttpRequests: false,
            includeStacktraceInErrorResponses: false,
            formatError: (formatted, error) => {
              const answer = formatGraphQLError(formatted, error, () => undefined);
              // Apollo's option above strips suggestions from validation errors only; variable
              // values are coerced later (an enum value, an input field), with suggestions of their own.
              return config.MODE === 'deployment' ? withoutSuggestions(answer) : answer;
            },
            // Subscriptions over graphql-ws on the same port and path (see realtime/).
            subscriptions: {
              // Each subscribe message is counted as an HTTP request is: its address, then its user.
              'graphql-ws': socketTransport('/graphql', (e) => new Logger('GraphQL').error(describeUnexpected(e, 'subscription')), {
                hideSuggestions: config.MODE === 'deployment',
                admit: async (connection) => {
                  await limits.checkAddress(clientAddress(upgradeRequest(connection), socketProxyTrust));
                  const { viewer } = await withinPoolWait(() => auth.sessionForToken(socketToken(connection)));
                  if (viewer) await limits.checkUser(viewer.userId);
                },
              }),
            },
            // Called with Fastify's request and reply over HTTP and with the socket's context over graphql-ws.
            // Over HTTP the address was counted before the body was read (app.ts); the user is
            // counted here, once the session is known (a cache hit for a session in use), before
            // anything of the operation runs.
            context: async (input: FastifyRequest | SocketConnection, reply?: FastifyReply): Promise<RequestContext | SocketContext> => {
              if (isSocketConnection(input)) {
                return { transport: 'websocket', req: upgradeRequest(input), ...(await withinPoolWait(() => auth.sessionForToken(socketToken(input)))) };
              }
              const session = await withinPoolWait(() => auth.sessionForToken(tokenFrom(input)));
              if (session.viewer) await limits.checkUser(session.viewer.userId);
              return { req: input, res: reply!, cookieSecure: config.COOKIE_SECURE, ...session };
            },
            };
          },
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
        MailModule,
        RemindersModule.register(config),
      ],
      controllers: [HealthController, ...(web ? [MissingAssetController] : [])],
      providers: [DatabaseHealth],
    };
  }
}

/**
 * The session lookup, with the pool's wait running out, or the database gone, answered
 * UNAVAILABLE (503), not as an internal error.
 */
async function withinPoolWait<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPoolTimeout(error)) throw unavailable();
    throw isDatabaseUnavailable(error) ? databaseUnavailable() : error;
  }
}

function tokenFrom(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
}
