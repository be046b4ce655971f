import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type DynamicModule, Global, Module, RequestMethod } from '@nestjs/common';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { parseCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from './config/config.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthService, SESSION_COOKIE } from './auth/auth.service.js';
import type { RequestContext } from './auth/viewer.js';
import { CasesModule } from './cases/cases.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MediatorAssignmentsModule } from './mediator-assignments/mediator-assignments.module.js';
import { UsersModule } from './users/users.module.js';
import { formatGraphQLError } from './common/format-error.js';
import { operationLogPlugins } from './common/operation-log.js';
import { StrictDateTime } from './common/date-time.scalar.js';
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

export const APP_CONFIG = Symbol('APP_CONFIG');

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

@Module({})
export class AppModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    const web = webDistPath(config);
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, dataSource),
        LoggerModule.forRoot({
          // GraphQL operations get a line of their own (common/operation-log.ts), cheaper and
          // more telling than an access line with a per-request child logger.
          exclude: [{ method: RequestMethod.ALL, path: 'graphql' }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
          },
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
            plugins: [ApolloServerPluginCacheControlDisabled(), ...operationLogPlugins(config.LOG_LEVEL)],
            includeStacktraceInErrorResponses: false,
            formatError: (formatted, error) =>
              formatGraphQLError(formatted, error, (e) => console.error('Unexpected GraphQL error', e)),
            // Subscriptions over graphql-ws on the same port and path (see realtime/).
            subscriptions: {
              'graphql-ws': socketTransport('/graphql', (e) => console.error('Unexpected GraphQL error', e)),
            },
            // Called with Fastify's request and reply over HTTP and with the socket's context over graphql-ws.
            context: async (input: FastifyRequest | SocketConnection, reply?: FastifyReply): Promise<RequestContext | SocketContext> =>
              isSocketConnection(input)
                ? { transport: 'websocket', req: upgradeRequest(input), viewer: await auth.viewerForToken(socketToken(input)) }
                : { req: input, res: reply!, viewer: await auth.viewerForToken(tokenFrom(input)) },
          }),
        }),
        ...(web
          ? [
              // Files of the dashboard; any other GET the api has no route for gets its index.html
              // (the dashboard routes in the browser). Routes the api has win over the fallback.
              ServeStaticModule.forRoot({ rootPath: web, serveStaticOptions: { fallthrough: true } }),
            ]
          : []),
        AuthModule,
        CasesModule,
        WorkspacesModule,
        RealtimeModule,
        UsersModule,
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
