import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { TableCell } from '@mui/material';
import { SettingsTable } from './settings-table';

afterEach(cleanup);

describe('settings table', () => {
  it('heads each column, leaves the actions column unlabelled and renders one row per record', () => {
    render(
      <SettingsTable
        label="things"
        columns={['Name', 'Kind']}
        rows={[
          { id: 'a', name: 'Alpha', kind: 'first' },
          { id: 'b', name: 'Beta', kind: 'second' },
        ]}
        cells={(row) => (
          <>
            <TableCell>{row.name}</TableCell>
            <TableCell>{row.kind}</TableCell>
            <TableCell>remove {row.id}</TableCell>
          </>
        )}
      />,
    );
    const table = screen.getByRole('table', { name: 'things' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent))).toEqual([
      ['Name', 'Kind', ''],
      ['Alpha', 'first', 'remove a'],
      ['Beta', 'second', 'remove b'],
    ]);
  });

  it('shows only the header while the records load', () => {
    render(<SettingsTable label="loading" columns={['Name']} rows={undefined} cells={() => null} />);
    expect(within(screen.getByRole('table', { name: 'loading' })).getAllByRole('row')).toHaveLength(1);
  });
});
