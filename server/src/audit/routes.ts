// HTTP route reading the audit log (supervisors and admins).
import { apiRoutes } from '../openapi/route-doc.ts';
import { AuditEntry } from '@hcm112/shared';
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.ts';
import type { AppContext } from '../context.ts';
import { parseQuery } from '../http/validate.ts';
import { listAudit } from './repository.ts';

const AuditQuery = z.object({
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(128).optional(),
  actorId: z.uuid().optional(),
  afterId: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function auditRoutes(ctx: AppContext) {
  const router = Router();
  router.get('/audit', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json({ entries: await listAudit(ctx.db, parseQuery(AuditQuery, req.query)) });
  });
  return router;
}

/** These routes in the OpenAPI document (docs/api.md, "Adding a route"). */
export const auditApi = apiRoutes([
  {
    method: 'get',
    path: '/audit',
    summary: 'Read the audit log, oldest first after `afterId`',
    access: ['supervisor', 'admin'],
    query: AuditQuery,
    response: z.object({ entries: z.array(AuditEntry) }),
  },
]);
