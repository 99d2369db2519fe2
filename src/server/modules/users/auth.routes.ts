import { Type } from 'typebox';
import { ChangePasswordBody, LoginBody, SessionInfo } from '../../../contract/schemas/auth';
import { errorResponses } from '../../../contract/schemas/common';
import type { Config } from '../../config';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import { clearSessionCookie, setSessionCookie } from '../../plugins/session';
import type { AuthService } from './auth.service';

const tags = ['auth'];

export function authRoutes(app: Api, auth: AuthService, config: Config): void {
  app.post('/api/v1/auth/login', {
    schema: {
      operationId: 'logIn',
      tags,
      summary: '登录',
      body: LoginBody,
      response: { 200: SessionInfo, ...errorResponses, 423: errorResponses[403] },
    },
    config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 } },
    handler: async (request, reply) => {
      const { token, info } = await auth.login(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(reply, config, token, info.expiresAt);
      return info;
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { operationId: 'logOut', tags, summary: '退出登录', response: { 204: Type.Null(), ...errorResponses } },
    onRequest: guard({ allowPendingPassword: true }),
    handler: async (request, reply) => {
      await auth.logout(actorFrom(request), request.auth!);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/me', {
    schema: { operationId: 'getSession', tags, summary: '当前用户与 CSRF 令牌', response: { 200: SessionInfo, ...errorResponses } },
    onRequest: guard({ allowPendingPassword: true }),
    handler: async (request) => auth.me(request.auth!),
  });

  app.post('/api/v1/auth/password', {
    schema: {
      operationId: 'changePassword',
      tags,
      summary: '修改本人密码（其他会话将被注销）',
      body: ChangePasswordBody,
      response: { 204: Type.Null(), ...errorResponses },
    },
    onRequest: guard({ allowPendingPassword: true }),
    handler: async (request, reply) => {
      await auth.changePassword(actorFrom(request), request.auth!, request.body);
      return reply.status(204).send(null);
    },
  });
}
