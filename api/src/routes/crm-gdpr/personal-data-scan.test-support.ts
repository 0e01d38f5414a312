import type { DataSource } from '@cadenza/data';

/** Where a scan found a needle: `schema.table.column`. */
export type Finding = string;

// PostgreSQL's own catalogs describe the database, not its data.
const SYSTEM_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast'];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every column of every table of every schema, as text, searched for each needle
 * (case-insensitively): `schema.table.column (needle)` wherever one occurs. bytea columns (the
 * LangGraph checkpoint blobs) are read as their bytes, not their hex spelling; a tsvector, an
 * array or a jsonb is read as its text form. One query per table.
 */
export async function scanForPersonalData(db: DataSource, needles: readonly string[]): Promise<Finding[]> {
  const columns = (await db.query(
    `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema <> ALL($1::text[])
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    [SYSTEM_SCHEMAS],
  )) as Array<{ table_schema: string; table_name: string; column_name: string; data_type: string }>;
  const tables = new Map<string, typeof columns>();
  for (const column of columns) {
    const key = `${quoteIdent(column.table_schema)}.${quoteIdent(column.table_name)}`;
    tables.set(key, [...(tables.get(key) ?? []), column]);
  }
  const lowered = needles.map((needle) => needle.toLowerCase());
  const findings: Finding[] = [];
  for (const [table, tableColumns] of tables) {
    const checks = tableColumns.flatMap((column) => {
      const text =
        column.data_type === 'bytea'
          ? `encode(${quoteIdent(column.column_name)}, 'escape')`
          : `${quoteIdent(column.column_name)}::text`;
      return lowered.map((_, i) => `coalesce(bool_or(strpos(lower(${text}), $${i + 1}) > 0), false)`);
    });
    const [row] = (await db.query(`SELECT ARRAY[${checks.join(', ')}] AS hits FROM ${table}`, lowered)) as Array<{
      hits: boolean[];
    }>;
    row!.hits.forEach((hit, index) => {
      if (!hit) return;
      const column = tableColumns[Math.floor(index / lowered.length)]!;
      findings.push(
        `${column.table_schema}.${column.table_name}.${column.column_name} (${needles[index % lowered.length]})`,
      );
    });
  }
  return findings;
}
