import type { FastifyInstance } from 'fastify';

// antd writes its styles at run time, hence 'unsafe-inline' for styles only.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** Headers every answer carries; the console's pages also get a content security policy. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    } else {
      reply.header('content-security-policy', CSP);
    }
  });
}
