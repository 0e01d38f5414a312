/**
 * A web app address without trailing slashes (`/` stays `/`): the form the web app's deep links
 * and the API's route preload headers match against (web/src/shell/deep-link.ts).
 */
export function normalizedPath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}
