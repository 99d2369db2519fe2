import type { FastifyInstance } from 'fastify';

// antd writes its styles at run time, hence 'unsafe-inline' for styles only.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * API answers (JSON) need only nosniff and no-store; pages of the console also get framing,
 * referrer and content-security policies. Set before the handler runs, so a handler may still
 * choose its own cache-control.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('cache-control', 'no-store');
    } else {
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
      if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', CSP);
    }
    done();
  });
}
