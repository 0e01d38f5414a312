import type { DataSource } from '@cadenza/data';
import type { ApiRoute } from '../../http/api-route';
import { auditRoutes } from './audit-routes';
import { companyRoutes } from './company-routes';
import { contactRoutes } from './contact-routes';
import { customFieldRoutes } from './custom-field-routes';
import { dealRoutes } from './deal-routes';
import { noteRoutes } from './note-routes';
import { pipelineRoutes } from './pipeline-routes';
import { taskRoutes } from './task-routes';

/** Every CRM route: contacts, companies, pipelines, deals, tasks, notes, custom fields, audit log. */
export function crmRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [
    ...contactRoutes(deps),
    ...companyRoutes(deps),
    ...pipelineRoutes(deps),
    ...dealRoutes(deps),
    ...taskRoutes(deps),
    ...noteRoutes(deps),
    ...customFieldRoutes(deps),
    ...auditRoutes(deps),
  ];
}
