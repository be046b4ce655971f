import { stringifySetCookie } from 'cookie';
import { SESSION_COOKIE } from './auth.service.js';
import type { RequestContext } from './viewer.js';

/** The httpOnly, SameSite session cookie the web uses; set by signIn and acceptInvitation alike. */
export function setSessionCookie(ctx: RequestContext, token: string, expiresAt: Date): void {
  ctx.res.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: token,
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.req.protocol === 'https',
      path: '/',
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(ctx: RequestContext): void {
  ctx.res.header('set-cookie', stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }));
}
