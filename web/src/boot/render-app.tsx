import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '@mui/material';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router-dom';
import { theme } from '../theme';
import { App } from '../app';
import type { AppStore } from '../store';
import { preloadDeepLinkedPage } from '../shell/preload-on-start';

export function renderApp(store: AppStore): void {
  // A transition, so React renders the first screen in slices of a few milliseconds between which the
  // browser stays responsive, not in one long task (a phone's total blocking time, issues 7 and 8).
  const root = createRoot(document.getElementById('root')!);
  startTransition(() =>
    root.render(
      <StrictMode>
        <Provider store={store}>
          {/* No CssBaseline: index.html carries the same baseline as a static stylesheet, painted
              before any script and not compiled at runtime (theme.test.ts keeps the two in step). */}
          <ThemeProvider theme={theme}>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </ThemeProvider>
        </Provider>
      </StrictMode>,
    ),
  );
  // After the render is scheduled: the page's modules then evaluate in a task of their own.
  preloadDeepLinkedPage(window.location.pathname);
}
