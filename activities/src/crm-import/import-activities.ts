import type { DataSource, EntityManager } from 'typeorm';
import { AppError, rowToContact, type ImportCounts, type Principal } from '@cadenza/core';
import {
  createCompany,
  loadImportBatch,
  recordRowOutcome,
  refreshImportProgress,
  rowObject,
  upsertContactByEmail,
  type CrmPrincipal,
} from '@cadenza/data';

export interface ImportBatchInput {
  /** Who started the import; the writes carry the workflow as actor. */
  principal: Principal;
  workflowId: string;
  importId: string;
  /** First row position of the batch, and how many rows it holds. */
  from: number;
  limit: number;
}

/** The workspace's company of this name, or a new one: what a "Company Name" column means. */
async function companyIdByName(manager: EntityManager, principal: CrmPrincipal, name: string): Promise<string> {
  const found = (await manager.query(
    `SELECT id FROM companies WHERE tenant_id = $1 AND lower(name) = lower($2) ORDER BY created_at LIMIT 1`,
    [principal.tenantId, name],
  )) as Array<{ id: string }>;
  return found[0]?.id ?? (await createCompany(manager, principal, { name })).id;
}

/** A user error's message with the fields it names: what the errors list shows for the row. */
function reasonOf(error: AppError): string {
  const fields = (error.details as { fields?: Array<{ field: string; message: string }> } | undefined)?.fields;
  return fields?.length
    ? fields.map((f) => `${f.field.replace(/^body\./, '')}: ${f.message}`).join('; ')
    : error.message;
}

/**
 * The CSV import's activities. A row is written in its own transaction together with its
 * outcome, so a bad row never takes good ones with it, and a retried batch skips the rows
 * it already did.
 */
export function createImportActivities(db: DataSource) {
  const asWorkflow = (input: { principal: Principal; workflowId: string }): CrmPrincipal => ({
    ...input.principal,
    actor: { kind: 'workflow', id: input.workflowId },
  });

  return {
    async importContactBatch(input: ImportBatchInput): Promise<ImportCounts> {
      const principal = asWorkflow(input);
      const { tenantId } = principal;
      const batch = await loadImportBatch(db, tenantId, input.importId, input.from, input.limit);
      for (const row of batch.rows) {
        if (row.outcome) continue;
        const parsed = rowToContact(rowObject(batch.columns, row.cells), batch.mapping);
        if (!parsed.ok) {
          await recordRowOutcome(db.manager, tenantId, input.importId, row.position, 'failed', parsed.reason);
          continue;
        }
        const { companyName, ...contact } = parsed.contact;
        try {
          await db.transaction(async (manager) => {
            const companyId = companyName ? await companyIdByName(manager, principal, companyName) : undefined;
            const { created } = await upsertContactByEmail(manager, principal, {
              ...contact,
              ...(companyId ? { companyId } : {}),
            });
            await recordRowOutcome(manager, tenantId, input.importId, row.position, created ? 'created' : 'updated');
          });
        } catch (error) {
          // The caller's data is wrong (conflict, unknown custom field, ...): the row fails, the
          // batch goes on. Anything else (database down) retries the batch.
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          await recordRowOutcome(db.manager, tenantId, input.importId, row.position, 'failed', reasonOf(error));
        }
      }
      return refreshImportProgress(db, principal, input.importId);
    },

    async finishImport(input: {
      principal: Principal;
      workflowId: string;
      importId: string;
      status: 'completed' | 'failed';
    }): Promise<ImportCounts> {
      return refreshImportProgress(db, asWorkflow(input), input.importId, input.status);
    },
  };
}
