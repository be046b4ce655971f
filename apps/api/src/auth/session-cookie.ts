import { stringifySetCookie } from 'cookie';
import { SESSION_COOKIE } from './auth.service.js';
import type { RequestContext } from './viewer.js';

/**
 * The httpOnly, SameSite session cookie the web uses; set by signIn and acceptInvitation alike.
 * Secure in a deployment (COOKIE_SECURE), and on any request that came over https (directly or
 * by a proxy TRUST_PROXY names), so that the trial on http://localhost keeps its sign-in.
 */
export function setSessionCookie(ctx: RequestContext, token: string, expiresAt: Date): void {
  ctx.res.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: token,
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(ctx),
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(ctx: RequestContext): void {
  ctx.res.header(
    'set-cookie',
    stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure: secure(ctx), path: '/', maxAge: 0 }),
  );
}

const secure = (ctx: RequestContext): boolean => ctx.cookieSecure === true || ctx.req.protocol === 'https';
