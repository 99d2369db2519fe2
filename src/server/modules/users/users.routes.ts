import { errorResponses, IdParams } from '../../../contract/schemas/common';
import {
  CreateUserBody,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
  UserWithPassword,
  VersionBody,
} from '../../../contract/schemas/users';
import { actorFrom, guard } from '../../authz/guard';
import type { Api } from '../../http';
import type { UserService } from './users.service';

const tags = ['users'];

export function userRoutes(app: Api, users: UserService): void {
  app.get('/api/v1/users', {
    schema: {
      operationId: 'listUsers',
      tags,
      summary: '账户列表（县级管理员仅见本县）',
      querystring: UserListQuery,
      response: { 200: UserList, ...errorResponses },
    },
    onRequest: guard({ permission: 'user.read' }),
    handler: (request) => users.list(actorFrom(request), request.query),
  });

  app.post('/api/v1/users', {
    schema: {
      operationId: 'createUser',
      tags,
      summary: '创建账户（返回一次性密码）',
      body: CreateUserBody,
      response: { 201: UserWithPassword, ...errorResponses },
    },
    onRequest: guard({ permission: 'user.write' }),
    handler: async (request, reply) => reply.status(201).send(await users.create(actorFrom(request), request.body)),
  });

  app.get('/api/v1/users/:id', {
    schema: { operationId: 'getUser', tags, summary: '账户详情', params: IdParams, response: { 200: User, ...errorResponses } },
    onRequest: guard({ permission: 'user.read' }),
    handler: (request) => users.get(actorFrom(request), request.params.id),
  });

  app.patch('/api/v1/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags,
      summary: '修改账户（姓名、角色、范围、停用）',
      params: IdParams,
      body: UpdateUserBody,
      response: { 200: User, ...errorResponses },
    },
    onRequest: guard({ permission: 'user.write' }),
    handler: (request) => users.update(actorFrom(request), request.params.id, request.body),
  });

  app.post('/api/v1/users/:id/reset-password', {
    schema: {
      operationId: 'resetUserPassword',
      tags,
      summary: '重置密码（返回一次性密码，解除锁定）',
      params: IdParams,
      body: VersionBody,
      response: { 200: UserWithPassword, ...errorResponses },
    },
    onRequest: guard({ permission: 'user.write' }),
    handler: (request) => users.resetPassword(actorFrom(request), request.params.id, request.body.version),
  });
}
