import { lazy, type ComponentType } from 'react';

export interface PreloadablePage<P extends object> {
  /** The route's element type: the page itself once its code has loaded, a suspending lazy one before. */
  Page: ComponentType<P>;
  /** Starts loading the page's code (once); resolves when it can render without suspending. */
  preload: () => Promise<ComponentType<P>>;
}

/**
 * A page loaded on demand that renders at once when its code is already there. A plain
 * `React.lazy` suspends on its first render even then (its promise settles a microtask later), so
 * the route's fallback is painted first and React holds the page back for its 300 ms fallback
 * throttle: on a deep link, whose chunks the Link header fetched with the main bundle, the page
 * painted a third of a second after it could have (the phone's largest contentful paint, issues 7
 * and 8).
 */
export function preloadablePage<P extends object>(load: () => Promise<ComponentType<P>>): PreloadablePage<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        loading = undefined; // a failed early download (say, offline) is tried again when the route asks
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((page) => ({ default: page })));
  function Page(props: P) {
    const Loaded = loaded ?? Lazy;
    return <Loaded {...props} />;
  }
  return { Page, preload };
}
