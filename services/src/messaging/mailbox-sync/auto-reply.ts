/**
 * Whether an email was written by a machine answering on someone's behalf (out of office,
 * vacation, "thanks, we got your message"), by the headers RFC 3834 and the big providers set,
 * and failing those by a subject that says so. Such mail is not the contact replying.
 * `headers` maps lower-case header names to their (unfolded) values.
 */
export function isAutoReply(headers: ReadonlyMap<string, string>, subject: string | null | undefined): boolean {
  const value = (name: string) => headers.get(name)?.trim().toLowerCase();
  const autoSubmitted = value('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('x-autoresponder')) return true;
  const precedence = value('precedence');
  if (precedence && ['auto_reply', 'bulk', 'junk', 'list'].includes(precedence)) return true;
  // Exchange and Outlook mark their automatic replies so that nothing answers them in turn.
  const suppress = value('x-auto-response-suppress');
  if (suppress && /\b(all|oof|autoreply)\b/.test(suppress)) return true;
  return AUTO_REPLY_SUBJECT.test(subject ?? '');
}

const AUTO_REPLY_SUBJECT =
  /^\s*(auto(matic|matische)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheit|absence|r[ée]ponse automatique|respuesta autom[áa]tica|fuera de la oficina)\b/i;
