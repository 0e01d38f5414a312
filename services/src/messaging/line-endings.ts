/**
 * CRLF everywhere (RFC 5322 §2.3): a bare LF or CR in a MIME part is what strict servers refuse
 * (and what SMTP smuggling exploits). Templates, editors and models write bare LFs, and
 * quoted-printable keeps them as they are, so every body part is canonicalised before composing.
 */
export const withCrlf = (text: string): string => text.replace(/\r\n|\r|\n/g, '\r\n');

/** True when the text has a CR or LF that is not part of a CRLF pair. */
export const hasBareLineBreak = (text: string): boolean => /\r(?!\n)|(?<!\r)\n/.test(text);
