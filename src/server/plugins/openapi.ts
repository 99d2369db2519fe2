import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI 3.1 from the routes' TypeBox schemas; JSON at /api/docs/json, the UI at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '城市质量治理平台 API',
        description:
          '质量兴郴：质量档案、监督抽查、质量信用、品牌、目标考核。会话以 HttpOnly Cookie 保存；写请求须带 X-CSRF-Token 头（登录或 /auth/me 返回）。错误格式 {error:{code,message,details}}。',
        version: '1',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Every route lives under /api/v1 (paths are listed without it): a client's base URL is the site's plus this.
      servers: [{ url: '/api/v1', description: '本站点（相对地址）' }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qc_session' } },
      },
      security: [{ session: [] }],
    },
    // Shared schemas appear under their own $id (components.schemas.ErrorBody), not as def-0, def-1…
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
