import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BODY_LIMIT_BYTES } from './limits.js';

/** What a GraphQL client is told when its request never reached GraphQL, by HTTP status. */
const TRANSPORT_ERRORS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON. Send {"query": "…", "variables": {…}} as application/json.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than ${BODY_LIMIT_BYTES / 1024 / 1024} MiB.` },
  415: { code: 'BAD_REQUEST', message: 'Send the request as application/json.' },
};

/**
 * Errors raised before GraphQL sees a request to /graphql (a body that is not JSON, one too
 * large, an unsupported content type) answer in GraphQL's shape with `extensions.code`, as
 * every other error a GraphQL client gets. Other routes keep Nest's JSON errors, and errors
 * inside GraphQL go on to its own formatting (common/format-error.ts).
 */
@Catch()
export class GraphqlTransportErrors extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // Inside GraphQL (resolvers, guards, pipes) every error goes back to GraphQL as it is: its
    // formatting gives the client a code, and an unexpected one is logged once, without values
    // (common/error-log.ts). Nest's default would log each error, expected or not, with its
    // stack and every property (a database error's query parameters among them).
    if (host.getType() !== 'http') return exception;
    const http = host.switchToHttp();
    if (!(exception instanceof HttpException) || http.getRequest<FastifyRequest>().url.split('?')[0] !== '/graphql') return super.catch(exception, host);
    const status = exception.getStatus();
    const known = TRANSPORT_ERRORS[status] ?? { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message: exception.message };
    http.getResponse<FastifyReply>().status(status).send({ errors: [{ message: known.message, extensions: { code: known.code } }] });
    return undefined;
  }
}
