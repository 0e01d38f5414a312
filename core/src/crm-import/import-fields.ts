import { z } from 'zod';

/**
 * Contact fields a CSV column can fill. `companyName` is not a contact column: the import
 * finds the workspace's company of that name (or creates it) and links the contact to it.
 */
export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'companyName',
  'lifecycleStage',
  'leadStatus',
  'source',
  'timezone',
  'tags',
  'score',
] as const;
export const ImportFieldSchema = z.enum(IMPORT_FIELDS).describe('contact field a column fills');
export type ImportField = z.infer<typeof ImportFieldSchema>;

/** CSV header → contact field; a header mapped to null (or absent) is ignored. */
export const ImportMappingSchema = z
  .record(z.string().min(1).max(200), ImportFieldSchema.nullable())
  .describe('CSV header → contact field (null ignores the column)');
export type ImportMapping = z.infer<typeof ImportMappingSchema>;
