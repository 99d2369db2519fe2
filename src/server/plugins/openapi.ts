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
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qc_session' } },
      },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
