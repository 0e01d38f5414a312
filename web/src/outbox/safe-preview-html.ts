/**
 * A message's HTML made safe to preview inside the app. Viewing must not count as the
 * recipient acting: a loaded tracking pixel would record an open, a followed link a click.
 * So remote images are not loaded (as mail clients do until asked), links open nowhere
 * (target _blank in a sandbox without popups does nothing), and a CSP forbids any other
 * remote load (CSS backgrounds, fonts). Scripts never run: the iframe sandbox has no allow-scripts.
 */
export function safePreviewHtml(html: string): { html: string; blockedImages: number } {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let blockedImages = 0;
  for (const img of Array.from(doc.querySelectorAll('img[src]'))) {
    const src = img.getAttribute('src') ?? '';
    if (src.startsWith('data:')) continue;
    img.setAttribute('data-blocked-src', src);
    img.removeAttribute('src');
    img.removeAttribute('srcset');
    if (!img.getAttribute('alt')) img.setAttribute('alt', '');
    blockedImages += 1;
  }
  const head = doc.head;
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  const base = doc.createElement('base');
  base.setAttribute('target', '_blank');
  head.prepend(csp, base);
  for (const link of Array.from(doc.querySelectorAll('a[target]'))) link.setAttribute('target', '_blank');
  return { html: `<!doctype html>${doc.documentElement.outerHTML}`, blockedImages };
}
