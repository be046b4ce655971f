import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyRequest } from 'fastify';

/**
 * Whose X-Forwarded-For counts: a proxy on this machine (the api behind a local reverse proxy).
 * Fastify is told the same (app.ts), so `request.ip` and the socket's address agree.
 */
export const TRUST_PROXY = 'loopback';

const trusted = proxyAddr.compile(TRUST_PROXY);

/**
 * The client's address, the one way the api reads it: for sign-in delays and the request rate
 * limits, over HTTP (Fastify's request) and over the live updates' socket (its upgrade request,
 * which Fastify never sees). Empty when unknown.
 */
export function clientAddress(req: FastifyRequest | IncomingMessage): string {
  if ('raw' in req) return req.ip ?? '';
  return proxyAddr(req, trusted) ?? '';
}
