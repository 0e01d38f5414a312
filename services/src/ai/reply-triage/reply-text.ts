/**
 * What of a reply the classifier reads: the words the person (or the mail system) wrote this
 * time, without the email it answers, the signature, the legal disclaimer or the phone's footer.
 * The quoted sales email carries "interested", "not the right person" and "unsubscribe" on every
 * reply; left in, it would drown the few words that decide the intent.
 */

/** Lines that open the quoted previous email, in the forms mail clients write them. */
const QUOTE_HEADERS: RegExp[] = [
  /^\s*On\s.{4,200}?\swrote:\s*$/im, // Gmail, Apple Mail (the header may wrap: see joinWrappedHeader)
  /^\s*Am\s.{4,200}?\sschrieb\s.{0,200}:\s*$/im,
  /^\s*Le\s.{4,200}?\sa\s+écrit\s*:\s*$/im,
  /^\s*El\s.{4,200}?\sescribió\s*:\s*$/im,
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/im,
  /^\s*-{2,}\s*Original message\s*-{2,}\s*$/im,
  /^\s*_{8,}\s*$/m, // Outlook's rule above its From: block
  /^\s*(From|Von|De|Da)\s?:.*\n\s*(Sent|Date|Gesendet|Datum|Envoyé|Enviado)\s?:/im,
  /^\s*Begin forwarded message:/im,
  /^\s*-{5,}\s*Forwarded message\s*-{5,}/im,
];

/** Lines that end the message proper; everything after them is footer. */
const FOOTER_STARTS: RegExp[] = [
  /^--\s*$/m, // the signature delimiter ("-- ", and the common "--")
  /^__\s*$/m,
  /^\s*(Sent from my|Sent from Mail for|Sent with|Get Outlook for|Von meinem .{1,30} gesendet|Envoyé de mon|Enviado desde mi)\b.*$/im,
  /^\s*(CONFIDENTIALITY NOTICE|DISCLAIMER|This (e-?mail|message) and any (files|attachments)|The information contained in this (e-?mail|message)|Diese E-Mail enthält vertrauliche)/im,
];

/** A sign-off alone on its line ("Thanks," "Best regards"); the name and signature follow it. */
const SIGN_OFF =
  /^\s*(thanks|thank you|many thanks|best|best regards|kind regards|warm regards|regards|cheers|br|sincerely|all the best|mit freundlichen grüßen|viele grüße|beste grüße|cordialement|bien à vous|saludos|un saludo|atentamente)\s*[,.!]?\s*$/im;

/** Gmail wraps a long "On …, Name <address> wrote:" over two lines; join them so the header is one line. */
const joinWrappedHeader = (text: string) =>
  text.replace(/^(\s*On\s[^\n]{4,200})\n([^\n]{0,120}\swrote:\s*)$/gim, '$1 $2');

function cutAtFirst(text: string, patterns: RegExp[]): string {
  let end = text.length;
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match && match.index < end) end = match.index;
  }
  return text.slice(0, end);
}

/**
 * The new text of a reply: quoted email, "> " lines, signature, disclaimer and footers removed,
 * blank runs collapsed. When nothing is left (a reply that is all quote), the original text,
 * trimmed, so the classifier always reads something.
 */
export function replyBody(text: string): string {
  const normalised = joinWrappedHeader(text.replace(/\r\n?/g, '\n'));
  let body = cutAtFirst(normalised, QUOTE_HEADERS);
  body = body
    .split('\n')
    .filter((line) => !/^\s*>/.test(line))
    .join('\n');
  body = cutAtFirst(body, FOOTER_STARTS);
  // A sign-off only ends the message when something came before it: "Thanks!" alone is the reply.
  const signOff = SIGN_OFF.exec(body);
  if (signOff && body.slice(0, signOff.index).trim()) body = body.slice(0, signOff.index);
  body = body
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return body || text.trim();
}

/** What a triager reads: the stripped body (embedded) and the subject (its lexical features), trimmed. */
export function triageInput(request: { text: string; subject?: string }): { body: string; subject: string } {
  return { body: replyBody(request.text), subject: (request.subject ?? '').trim() };
}
