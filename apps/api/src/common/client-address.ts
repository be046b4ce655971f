import type { FastifyRequest } from 'fastify';

/**
 * The address of the client that sent a request: what every per-address limit counts (the
 * sign-in limiter, rate limits). It is the peer of the connection, unless the peer is a proxy
 * that TRUST_PROXY names: then the address that proxy forwarded in X-Forwarded-For (Fastify's
 * `trustProxy`, set from TRUST_PROXY in app.ts, walks the header from the right and stops at the
 * first address it does not trust). By default no proxy is trusted, so a client cannot choose
 * its own address by sending the header. '' when the socket is already gone.
 */
export function clientAddress(req: FastifyRequest): string {
  return req.ip ?? '';
}
