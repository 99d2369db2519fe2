import type { FastifyRequest } from 'fastify';
import { can, type Permission, type Role } from '../../contract/permissions';
import { toBool } from '../db/portable';
import { AppError } from '../errors';
import type { Actor } from './actor';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface GuardOptions {
  /** The coarse permission the route needs; none means any signed-in user. */
  permission?: Permission;
  /** Routes a user whose password must change may still use (me, change password, logout). */
  allowPendingPassword?: boolean;
}

/**
 * The route's onRequest hook, so it runs before the body is parsed or validated and the
 * anonymous learn nothing: a signed-in session (401), the CSRF token on writes (403), a
 * changed one-time password (403), then the permission (403).
 */
export function guard(options: GuardOptions = {}) {
  return async (request: FastifyRequest) => {
    const auth = request.auth;
    if (!auth) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== auth.session.csrf_token) {
      throw new AppError('csrf_failed');
    }
    if (!options.allowPendingPassword && toBool(auth.user.must_change_password)) {
      throw new AppError('password_change_required');
    }
    if (options.permission && !can(auth.user.role as Role, options.permission)) throw new AppError('forbidden');
  };
}

/** The actor of a request that passed guard(). */
export function actorFrom(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}
