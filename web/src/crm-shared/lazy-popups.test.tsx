import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { LazyDialog, useOpenedOnce } from './lazy-popups';

function Probe({ open }: { open: boolean }) {
  return <span>{useOpenedOnce(open) ? 'opened' : 'never'}</span>;
}

describe('useOpenedOnce', () => {
  afterEach(cleanup);

  it('stays false until the popup first opens, then stays true after it closes', () => {
    const { rerender } = render(<Probe open={false} />);
    expect(screen.getByText('never')).toBeTruthy();
    rerender(<Probe open />);
    expect(screen.getByText('opened')).toBeTruthy();
    rerender(<Probe open={false} />);
    expect(screen.getByText('opened')).toBeTruthy();
  });
});

describe('LazyDialog', () => {
  afterEach(cleanup);

  it('renders nothing while never opened, and the dialog once it opens', async () => {
    const { rerender } = render(
      <LazyDialog open={false}>
        <p>inside</p>
      </LazyDialog>,
    );
    expect(screen.queryByText('inside')).toBeNull();
    rerender(
      <LazyDialog open>
        <p>inside</p>
      </LazyDialog>,
    );
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(screen.getByText('inside')).toBeTruthy();
  });
});
