import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyRequest } from 'fastify';

/** The proxies whose X-Forwarded-For counts (TRUST_PROXY): addresses, CIDR ranges or `loopback`; false for none. */
export type TrustedProxies = string[] | false;

/** Which peers are trusted proxies, compiled once (the same rule Fastify applies to `request.ip`). */
export function proxyTrust(trusted: TrustedProxies): (address: string, hop: number) => boolean {
  return trusted ? proxyAddr.compile(trusted) : () => false;
}

const NO_PROXY = proxyTrust(false);

/**
 * The address of the client that sent a request, the one way the api reads it: what every
 * per-address limit counts (the sign-in delays, the request rate limits). It is the peer of the
 * connection, unless the peer is a proxy that TRUST_PROXY names: then the address that proxy
 * forwarded in X-Forwarded-For (walked from the right, stopping at the first address not
 * trusted). By default no proxy is trusted, so a client cannot choose its own address by sending
 * the header. Over HTTP Fastify has applied the rule already (`trustProxy`, set from TRUST_PROXY
 * in app.ts); for the live updates' socket, whose upgrade request Fastify never sees, pass the
 * same rule (`proxyTrust(config.TRUST_PROXY)`). Empty when unknown (the socket is gone).
 */
export function clientAddress(req: FastifyRequest | IncomingMessage, trust: (address: string, hop: number) => boolean = NO_PROXY): string {
  if ('raw' in req) return req.ip ?? '';
  return proxyAddr(req, trust) ?? '';
}
