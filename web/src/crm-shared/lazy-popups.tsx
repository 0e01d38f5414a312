import { lazy, Suspense, useState } from 'react';
import type { DialogProps } from '@mui/material/Dialog';
import type { MenuProps } from '@mui/material/Menu';

// MUI's Dialog and Menu bring its modal, portal, focus trap and transitions: some 20 KB a page
// would fetch and run before its first paint for popups nobody has opened yet.
const Dialog = lazy(() => import('@mui/material/Dialog'));
const Menu = lazy(() => import('@mui/material/Menu'));

/**
 * True from the first time `open` is true on: a popup mounts when first opened and then stays
 * mounted, so its closing transition plays as before.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

/** MUI's Dialog, loaded and rendered only once it first opens. */
export function LazyDialog(props: DialogProps) {
  const opened = useOpenedOnce(props.open);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <Dialog {...props} />
    </Suspense>
  );
}

/** MUI's Menu, loaded and rendered only once it first opens. */
export function LazyMenu(props: MenuProps) {
  const opened = useOpenedOnce(props.open);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <Menu {...props} />
    </Suspense>
  );
}
