import { signTrackingToken } from './tracking-token';

export interface TrackingOptions {
  secret: Buffer;
  /** Public base URL of the API, e.g. https://app.example.com (tracking routes live under /api/v1/t). */
  baseUrl: string;
  messageId: string;
  opens: boolean;
  clicks: boolean;
}

export const trackingPath = '/api/v1/t';

const decodeAttr = (value: string) => value.replace(/&amp;/g, '&');
const encodeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * Rewrites http(s) links through the click redirect and appends the open pixel. Other
 * links (mailto:, tel:, anchors) are left alone: there is nothing to count on them.
 */
export function addTracking(html: string, options: TrackingOptions): string {
  const base = options.baseUrl.replace(/\/+$/, '') + trackingPath;
  let result = html;
  if (options.clicks) {
    result = result.replace(
      /(<a\s[^>]*?href\s*=\s*")(https?:\/\/[^"]+)(")/gi,
      (_whole, before: string, href, after) => {
        const token = signTrackingToken(options.secret, {
          k: 'c',
          m: options.messageId,
          u: decodeAttr(href as string),
        });
        return `${before}${encodeAttr(`${base}/c/${token}`)}${after as string}`;
      },
    );
  }
  if (options.opens) {
    const token = signTrackingToken(options.secret, { k: 'o', m: options.messageId });
    const pixel = `<img src="${base}/o/${token}.gif" width="1" height="1" alt="" style="display:none">`;
    result = /<\/body>/i.test(result) ? result.replace(/<\/body>/i, `${pixel}</body>`) : result + pixel;
  }
  return result;
}

/** RFC 8058 one-click unsubscribe: the link mail clients call with a POST. */
export function unsubscribeUrl(secret: Buffer, baseUrl: string, messageId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${trackingPath}/u/${signTrackingToken(secret, { k: 'u', m: messageId })}`;
}
