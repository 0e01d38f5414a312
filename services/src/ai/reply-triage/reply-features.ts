/**
 * The cheap lexical half of a reply's features, beside its sentence embedding. Each is something
 * an embedding of the body cannot see or sees weakly: the subject a mail system writes on an
 * auto-reply or a bounce, SMTP status codes, how long the message is.
 */
const SUBJECT_AWAY =
  /automatic reply|auto.?reply|auto.?response|automated response|out of (the )?office|\booo\b|abwesen|automatische antwort|réponse automatique|absence|respuesta automática|fuera de la oficina|\baway\b|vacation|holiday|\bleave\b|sabbatical|\bpto\b/i;
const SUBJECT_BOUNCE =
  /undeliver|delivery status|delivery (fail|incomplete|delayed|has failed)|returned (mail|to sender)|mail delivery|failure notice|unzustellbar|non remis|no se puede entregar|mail system error|non-delivery|message blocked|could not send|delivery failure/i;
const SMTP_STATUS =
  /\b[245]\d\d[ -]#?[245]\.\d{1,3}\.\d{1,3}\b|\b[45]\.\d\.\d{1,2}\b|mailer-daemon|reporting-mta|final-recipient|\b(550|552|554|421)\b/i;
const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

export const LEXICAL_FEATURES: ReadonlyArray<readonly [name: string, read: (body: string, subject: string) => number]> =
  [
    ['subject_away', (_body, subject) => (SUBJECT_AWAY.test(subject) ? 1 : 0)],
    ['subject_bounce', (_body, subject) => (SUBJECT_BOUNCE.test(subject) ? 1 : 0)],
    ['subject_is_reply', (_body, subject) => (/^\s*(re|aw|sv|antw|rif|wg|fw|fwd)\s*:/i.test(subject) ? 1 : 0)],
    ['smtp_status', (body) => (SMTP_STATUS.test(body) ? 1 : 0)],
    ['email_address', (body) => (EMAIL_ADDRESS.test(body) ? 1 : 0)],
    ['question', (body) => (body.includes('?') ? 1 : 0)],
    // Words, log-scaled: "no" and a three-paragraph decline differ in kind, a 300- and 400-word reply do not.
    ['length', (body) => Math.log1p(body.split(/\s+/).filter(Boolean).length)],
  ];

export const LEXICAL_FEATURE_NAMES = LEXICAL_FEATURES.map(([name]) => name);

export const lexicalFeatures = (body: string, subject: string): number[] =>
  LEXICAL_FEATURES.map(([, read]) => read(body, subject));

/** The classifier's input: the body's embedding followed by the lexical features. */
export function featureVector(embedding: ArrayLike<number>, body: string, subject: string): number[] {
  return [...Array.from(embedding), ...lexicalFeatures(body, subject)];
}
