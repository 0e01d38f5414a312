import { describe, expect, it } from 'vitest';
import { theme } from '../theme';
import { WIDE_SHELL_QUERY } from './wide-shell';

describe('WIDE_SHELL_QUERY', () => {
  it('is the theme’s lg breakpoint and up', () => {
    expect(`@media ${WIDE_SHELL_QUERY}`).toBe(theme.breakpoints.up('lg'));
  });
});
