import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
 * - HSTS only on a request that came over https (directly or through the trusted proxy's
 *   X-Forwarded-Proto); over plain http a browser ignores it.
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

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query === -1 ? request.url : request.url.slice(0, query);
}
