import type { DataSource } from '@cadenza/data';
import type { ApiRoute } from '../../http/api-route';
import { contactBulkRoutes } from './contact-bulk-routes';
import { savedViewRoutes } from './saved-view-routes';

/** The contacts workspace's routes: saved views, bulk actions, batch reads, score explanations. */
export function contactWorkspaceRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [...contactBulkRoutes(deps), ...savedViewRoutes(deps)];
}
