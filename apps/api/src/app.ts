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
import { clientAddress } from './common/client-address.js';
import { ADMISSION_GATE, type AdmissionGate, UNAVAILABLE_REPLIES, unavailable } from './common/admission.js';
import { REQUEST_RATE_LIMITS, type RequestRateLimits } from './common/rate-limit.js';
import type { GraphQLError } from 'graphql';
import type { FastifyInstance, FastifyReply } from 'fastify';
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
  // GraphQL over HTTP: the address's rate limit, then a place at the admission gate.
  useGraphqlAdmission(app.getHttpAdapter().getInstance(), app.get(REQUEST_RATE_LIMITS), app.get(ADMISSION_GATE));
  app.useGlobalFilters(new GraphqlTransportErrors(app.getHttpAdapter()));
  app.useGlobalPipes(
    new AppValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: true, stopAtFirstError: false }),
  );
  return app;
}

/**
 * Before a GraphQL request over HTTP is read: it takes a place at the admission gate, waiting in
 * its queue if need be (UNAVAILABLE, 503, when the queue is full or the wait ran out), then its
 * client address is counted (RATE_LIMITED, 429, when over budget; an address over budget is
 * refused from memory until its window ends). The place is given back when the response has
 * gone or the client left. Nothing of the app has run for a refused request:
 * no session lookup, no statement. Other routes (/healthz, /readyz, the dashboard's files) pass
 * untouched, so they answer while GraphQL is saturated.
 */
function useGraphqlAdmission(fastify: FastifyInstance, limits: RequestRateLimits, gate: AdmissionGate): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.split('?')[0] !== '/graphql') return;
    // The gate first: at capacity a refusal costs no round trip to the rate limits' store.
    let closed = false;
    let release: (() => void) | null = null;
    reply.raw.once('close', () => {
      closed = true;
      release?.();
    });
    release = await gate.enter();
    if (!release) return refuse(reply, unavailable());
    // The client left while the request waited: nobody reads the answer.
    if (closed) {
      release();
      return undefined;
    }
    try {
      await limits.checkAddress(clientAddress(request));
    } catch (error) {
      if ((error as GraphQLError).extensions?.code === 'RATE_LIMITED') return refuse(reply, error as GraphQLError);
      throw error;
    }
    return undefined;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (UNAVAILABLE_REPLIES.has(reply)) reply.code(503);
    return payload;
  });
}

/** Answers a refusal in GraphQL's shape, with the status and headers the error names. */
function refuse(reply: FastifyReply, error: GraphQLError): FastifyReply {
  const { http, ...extensions } = error.extensions as { http: { status: number; headers: Map<string, string> } };
  for (const [name, value] of http.headers) reply.header(name, value);
  return reply.code(http.status).send({ errors: [{ message: error.message, extensions }] });
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
