// Imports nothing, so the first boot step (preload-on-start.ts) can read it without MUI.

/**
 * Where the shell's bar shows its links, the model and workspace chips and the account menu on one
 * row (MUI's `lg` breakpoint and up: eight links take about 680 px). Below it they fold behind a
 * Menu button. wide-shell.test.ts keeps this in step with the theme.
 */
export const WIDE_SHELL_QUERY = '(min-width:1200px)';

export const isWideShell = () => window.matchMedia(WIDE_SHELL_QUERY).matches;
