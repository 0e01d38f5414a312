import type { EntityManager } from 'typeorm';
import { queryRows } from '../crm/crm-write';
import type { ErasureSubject } from './erasure-subject';

/**
 * CSV imports keep each parsed row (its cells, and the error of a failed one) so a batch can
 * be retried and failures downloaded. The contact's rows are the ones with a cell equal to its
 * email or phone (as the import compares: trimmed, case-insensitive); their cells and error are
 * blanked, their position and outcome stay, so the import's counts still add up. Rows do not
 * record the contact they made, hence the match by value over the tenant's rows (erasure is rare).
 */
export async function eraseImportRows(manager: EntityManager, subject: ErasureSubject): Promise<number> {
  const values = subject.addresses.map((address) => address.trim().toLowerCase()).filter((v) => v !== '');
  if (values.length === 0) return 0;
  return (
    await queryRows<{ position: number }>(
      manager,
      `UPDATE import_rows SET cells = '[]'::jsonb, error = NULL
       WHERE tenant_id = $1 AND cells <> '[]'::jsonb
         AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(cells) AS cell(value)
                     WHERE lower(btrim(cell.value)) = ANY($2::text[]))
       RETURNING position`,
      [subject.tenantId, values],
    )
  ).length;
}
