import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where the origin of the socket for this request is kept, for the policy built from the raw request. */
const SOCKET_ORIGIN = Symbol('socketOrigin');

/** A host (name or address, optional port) and nothing that could end the directive. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const ONE_YEAR = 31_536_000;

/**
 * The headers every answer carries, and how long each may be kept.
 *
 * - A Content-Security-Policy: scripts, styles, fonts, images and requests from the page's own
 *   origin only (the dashboard's icon is a data: image), no plugins, no inline script, never in
 *   a frame. connect-src names the live updates' socket (`ws://host` or `wss://host`) besides
 *   'self': CSP 3 lets 'self' match the same host's socket, but browsers older than that do not.
 * - nosniff, Referrer-Policy no-referrer (invitation links carry their token in the path),
 *   X-Frame-Options DENY for browsers without frame-ancestors.
 * - HSTS only on a request that came over https (directly, or by the X-Forwarded-Proto of a
 *   proxy TRUST_PROXY names); over plain http a browser ignores it.
 * - GraphiQL's page (in the trial only) may also load from its CDN: see graphiqlPolicy.
 * - Cache-Control: GraphQL answers `no-store` (per viewer, often confidential); the dashboard's
 *   hashed files under /assets/ `immutable` for a year (a new build has new names); its page
 *   `no-cache`, so a browser asks again and meets a new build's names.
 */
export async function useSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', (request, reply, done) => {
    const secure = request.protocol === 'https';
    const host = request.host;
    (request.raw as IncomingMessage & { [SOCKET_ORIGIN]?: string })[SOCKET_ORIGIN] =
      typeof host === 'string' && PLAIN_HOST.test(host) ? `${secure ? 'wss' : 'ws'}://${host}` : '';
    if (secure) reply.header('strict-transport-security', `max-age=${ONE_YEAR}; includeSubDomains`);
    done();
  });

  await fastify.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'", (req: IncomingMessage) => (req as IncomingMessage & { [SOCKET_ORIGIN]?: string })[SOCKET_ORIGIN] ?? ''],
        'font-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request);
    if (path === '/graphql') {
      reply.header('cache-control', 'no-store');
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) graphiqlPolicy(reply, payload);
    } else if (path.startsWith('/assets/')) {
      if (reply.statusCode === 200 || reply.statusCode === 304) {
        reply.header('cache-control', `public, max-age=${ONE_YEAR}, immutable`);
        // The same name is sent brotli, gzip or as it is, by the request's Accept-Encoding.
        reply.header('vary', 'Accept-Encoding');
      } else {
        reply.header('cache-control', 'no-store');
      }
    } else if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('cache-control', 'no-cache');
    }
    return payload;
  });
}

/** GraphiQL's CDN; its page is the one answer that loads anything from elsewhere. */
const GRAPHIQL_CDN = 'https://unpkg.com';

/**
 * In the trial Nest serves GraphiQL at GET /graphql: scripts and a stylesheet from its CDN
 * and one inline script and style block. Its page, and only it, may load from the CDN and run
 * those blocks, named by their hashes (never 'unsafe-inline').
 */
function graphiqlPolicy(reply: FastifyReply, payload: unknown): void {
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy !== 'string' || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return;
  const html = payload.toString();
  const hashes = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
    );
  const widened = policy
    .replace("script-src 'self'", ["script-src 'self'", GRAPHIQL_CDN, ...hashes('script')].join(' '))
    .replace("style-src 'self'", ["style-src 'self'", GRAPHIQL_CDN, ...hashes('style')].join(' '))
    .replace("font-src 'self'", `font-src 'self' ${GRAPHIQL_CDN} data:`)
    .replace("img-src 'self' data:", `img-src 'self' data: ${GRAPHIQL_CDN}`);
  reply.header('content-security-policy', widened);
}

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}
