export { CrmImports1764300600000 } from './migration';
export { ContactSearchIndex1764300600001 } from './search-index-migration';
export { ImportEntity, ImportFileRowEntity } from './import-entity';
export { parseCsv, rowObject, type ParsedCsv } from './parse-csv';
export {
  createImport,
  getImport,
  loadImportBatch,
  recordRowOutcome,
  refreshImportProgress,
  markImportFailed,
  type ImportBatchRow,
} from './imports';
export { listImports, listImportErrors } from './import-lists';
export { exportContactsCsv, neutralizeFormula } from './contacts-csv';
