import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config';
import type { Actor } from '../authz/actor';
import { type Authenticated, type AuthService } from '../modules/users/auth.service';

export const SESSION_COOKIE = 'qc_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, if the request carries a live one. */
    auth: Authenticated | null;
    actor: Actor | null;
  }
}

/** Loads the session named by the cookie before any API handler runs. */
export function registerSession(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const found = await auth.authenticate(token);
    if (found) {
      request.auth = found;
      request.actor = await auth.actorFor(found, request.ip);
    }
  });
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' });
}
