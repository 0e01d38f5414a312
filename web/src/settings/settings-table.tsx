import type { ReactNode } from 'react';
import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';

/**
 * The list every settings section shows: one row per record, a header cell per column and a
 * last, unlabelled column for the row's actions. `cells` renders a row's cells, actions included.
 * On a phone the table scrolls sideways inside its box instead of widening the whole page.
 */
export function SettingsTable<T extends { id: string }>({
  label,
  columns,
  rows,
  cells,
}: {
  label: string;
  columns: string[];
  rows: T[] | undefined;
  cells: (row: T) => ReactNode;
}) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column}>{column}</TableCell>
            ))}
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows?.map((row) => (
            <TableRow key={row.id}>{cells(row)}</TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
