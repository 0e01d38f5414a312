import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { RepActivity } from '@cadenza/core';

const COLUMNS: Array<{ key: keyof RepActivity; label: string }> = [
  { key: 'emailsSent', label: 'Emails to their contacts' },
  { key: 'replies', label: 'Replies' },
  { key: 'tasksCreated', label: 'Tasks created' },
  { key: 'tasksCompleted', label: 'Tasks done' },
  { key: 'notes', label: 'Notes' },
  { key: 'dealMoves', label: 'Deal moves' },
];

export function RepActivityTable({ reps }: { reps: RepActivity[] }) {
  if (reps.length === 0) return <Typography color="text.secondary">No rep activity in this range.</Typography>;
  return (
    <Table size="small" aria-label="rep activity">
      <TableHead>
        <TableRow>
          <TableCell>User</TableCell>
          {COLUMNS.map((column) => (
            <TableCell key={column.key} align="right">
              {column.label}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {reps.map((rep) => (
          <TableRow key={rep.userId}>
            <TableCell>{rep.name ?? rep.email ?? rep.userId}</TableCell>
            {COLUMNS.map((column) => (
              <TableCell key={column.key} align="right">
                {rep[column.key]}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
