import { nextTask } from './boot/next-task';

/**
 * The app starts in steps, each in a task of its own. Evaluating every module of the first bundle
 * at once was one task of 40-90 ms, which a phone (four times slower) spends blocked: most of the
 * mobile total blocking time (Lighthouse, issues 7 and 8). The steps' chunks are all preloaded by
 * index.html (vite.config.ts, bootPreloads), so each step only evaluates what has already arrived:
 * Redux Toolkit and the API; the store; the session check (sent at once); MUI's styling engine and
 * the theme; React DOM; the app shell and its routes, and the first render.
 */
async function start(): Promise<void> {
  const { createStore } = await import('./store');
  await nextTask();
  const store = createStore();
  await nextTask();
  const { preloadOnStart } = await import('./shell/preload-on-start');
  preloadOnStart(window.location.pathname, store);
  await nextTask();
  await import('./theme');
  await nextTask();
  await import('react-dom/client');
  await nextTask();
  const { renderApp } = await import('./boot/render-app');
  renderApp(store);
}

void start();
