import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/**
 * Serves the built web console from `dist` and answers unknown non-API paths with its
 * index.html, so deep links work. API paths that match no route answer route_not_found.
 */
export async function registerWeb(app: FastifyInstance, dist: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(dist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      setHeaders: (res, file) => {
        // Vite names assets by content hash, so they never change; index.html always may.
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasWeb || request.method !== 'GET') throw new AppError('route_not_found');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
