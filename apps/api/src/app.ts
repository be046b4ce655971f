import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { AppValidationPipe } from './common/validation.js';
import { GraphqlTransportErrors } from './common/graphql-transport-errors.js';
import { BODY_LIMIT_BYTES } from './common/limits.js';
import { useSecurityHeaders } from './common/security-headers.js';
import type { AppConfig } from './config/config.js';
import { useAuditKey } from './cases/timeline.js';

/** Builds the Nest application on an already connected, migrated data source. */
export async function createApp(
  config: AppConfig,
  dataSource: DataSource,
  options: { logger?: false; logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  if (config.AUDIT_KEY) useAuditKey(config.AUDIT_KEY);
  // Fastify rather than Express: it halves the framework's CPU per request (measured in
  // bench/RESULTS.md). X-Forwarded-* count only from the proxies TRUST_PROXY names (none by
  // default): see clientAddress in common/client-address.ts.
  const adapter = new FastifyAdapter({ trustProxy: config.TRUST_PROXY, bodyLimit: BODY_LIMIT_BYTES });
  const { logDestination, ...nestOptions } = options;
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, dataSource, { logDestination }), adapter, {
    bufferLogs: true,
    abortOnError: false,
    ...nestOptions,
  });
  if (options.logger !== false) app.useLogger(new QuietStartupLogger(app.get(Logger)));
  // Security headers and caching on every answer (CSP, nosniff, HSTS over https, no-store on GraphQL).
  await useSecurityHeaders(app.getHttpAdapter().getInstance());
  app.useGlobalFilters(new GraphqlTransportErrors(app.getHttpAdapter()));
  app.useGlobalPipes(
    new AppValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: true, stopAtFirstError: false }),
  );
  return app;
}

/** Contexts of Nest's own start-up lines: modules loaded, routes mapped, application started. */
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'GraphQLModule']);

/**
 * Nest's start-up lines are detail for whoever debugs the start, not news: at the default
 * level a person running `npm start` sees the banner, not thirty lines of JSON above it. They
 * are logged at debug; everything else goes to pino as it came.
 */
class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) this.inner.debug(message, ...rest);
    else this.inner.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.inner.fatal(message, ...rest);
  }
}
