// Imports nothing, so the first boot step (preload-on-start.ts) can read it without MUI.

/**
 * Where the shell's bar shows its links and the model chip (MUI's `md` breakpoint and up). Below
 * it they fold behind a Menu button. wide-shell.test.ts keeps this in step with the theme.
 */
export const WIDE_SHELL_QUERY = '(min-width:900px)';

export const isWideShell = () => window.matchMedia(WIDE_SHELL_QUERY).matches;
