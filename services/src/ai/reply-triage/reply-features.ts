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

/**
 * Cue words per intent, in the four languages of the set. MiniLM reads English well and German,
 * French and Spanish poorly, and a one-word reply ("nope", "STOP") gives it little to go on; a cue
 * is a hint the weights learn how far to trust, not a rule.
 */
const CUES: Record<string, RegExp> = {
  cue_unsubscribe:
    /unsubscrib|remove (me|my|this|from)|take me off|take my|opt(-| )?(me )?out|stop (emailing|sending|contacting|spamming|following)|(do not|don't|dont) (contact|email|send)|no more emails|off (your|this|the) (list|database)|(mailing|distribution|outreach) list|delete (me|my)|cease|désinscri|abmelden|verteiler|keine weiteren|quít|de baja|lista de correo|\bstop\b|quit emailing/i,
  cue_decline:
    /not interested|no (thanks|thank you|thx|interest)|not a fit|\bpass\b|not for us|all set|no (use|need)|(don't|dont|do not) need|not (something|relevant)|decline|not (be )?(moving|pursuing|proceed|looking)|chose|happy with|already have|\bnope\b|^\s*no\W*$|kein interesse|nein danke|intéresse pas|ne nous intéresse|no (estamos )?interesad|no gracias/i,
  cue_later:
    /later|next (year|quarter|month|spring|summer|fall|autumn|fiscal)|in (a few|\w+) (months|weeks|quarters)|circle back|follow up (in|after)|reach out (again|then|in|after|end)|\b(q[1-4]|h[12])\b|not (now|yet|right now|this (year|quarter))|right time|timing|budget|revisit|reconnect|check back|come back|(ask|email|ping|try) me again|again (in|after|around|then)|postpone|park|snooze|hold off|after (the|our|easter)|until then|vielleicht|später|im (herbst|frühling|sommer)|pas pour le moment|plus tard|prochain|más adelante|ahora no|de nuevo/i,
  cue_away:
    /out of (the )?office|\bon (annual |parental |maternity |sick |bereavement )?leave|vacation|holiday|\baway\b|\bpto\b|\booo\b|limited (access|connectivity)|(back|return(ing)?) (on|in the office|next|monday|tuesday|wednesday|thursday|friday)|upon my return|my return|sabbatical|automated response|nicht im büro|urlaub|wieder (im büro|erreichbar)|absent|congés|de retour|fuera de la oficina|vacaciones|vuelvo/i,
  cue_wrong_person:
    /wrong (person|contact|guy|department)|not the (right|correct) (person|contact)|no longer (works?|with|at|oversee|responsible|my)|left (the company|\w+ (two|a few|\d+) months)|(not|isn'?t) my (area|department|role|responsibility)|not responsible|decision maker|(should|want|need|meant to) (talk|speak|reach|to reach)|you (probably |might )?want|instead|successor|took over|handed over|(moved|changed) (to|companies|roles?)|direct this|forwarding to|not me\b|this isn'?t me|nicht zuständig|bonne personne|persona indicada/i,
  cue_delivery:
    /deliver|mailbox|recipient|address (not found|rejected|couldn|could not)|permanent (error|failure)|mail (system|delivery)|no such (user|recipient)|mailer|\bmx\b|smtp|zugestellt|unzustellbar|postfach|remis|entregar|no existe/i,
  cue_interest:
    /^\W*(yes|yep|yeah|sure|ok(ay)?,? (let'?s|sure)|absolutely|ja|oui|sí)\b|demo|call me|\bcall\b|pricing|price|cost|quote|trial|pilot|meeting|calendar|schedule|(let'?s|lets) (talk|chat|do|find)|next steps|proposal|deck|case study|sounds (good|great)|book|invite|interested|intrigued|tell me more|send (me|over)|gerne|telefonieren|intéresse|présentation|me interesa|hablar/i,
};

export const LEXICAL_FEATURES: ReadonlyArray<readonly [name: string, read: (body: string, subject: string) => number]> =
  [
    ['subject_away', (_body, subject) => (SUBJECT_AWAY.test(subject) ? 1 : 0)],
    ['subject_bounce', (_body, subject) => (SUBJECT_BOUNCE.test(subject) ? 1 : 0)],
    ['subject_is_reply', (_body, subject) => (/^\s*(re|aw|sv|antw|rif|wg|fw|fwd)\s*:/i.test(subject) ? 1 : 0)],
    ['smtp_status', (body) => (SMTP_STATUS.test(body) ? 1 : 0)],
    ['email_address', (body) => (EMAIL_ADDRESS.test(body) ? 1 : 0)],
    ['question', (body) => (body.includes('?') ? 1 : 0)],
    // Words, log-scaled: "no" and a three-paragraph decline differ in kind, a 300- and 400-word reply do not.
    ...Object.entries(CUES).map(([name, cue]): readonly [string, (body: string) => number] => [
      name,
      (body) => (cue.test(body) ? 1 : 0),
    ]),
    ['length', (body) => Math.log1p(body.split(/\s+/).filter(Boolean).length)],
  ];

export const LEXICAL_FEATURE_NAMES = LEXICAL_FEATURES.map(([name]) => name);

export const lexicalFeatures = (body: string, subject: string): number[] =>
  LEXICAL_FEATURES.map(([, read]) => read(body, subject));

/** The classifier's input: the body's embedding followed by the lexical features. */
export function featureVector(embedding: ArrayLike<number>, body: string, subject: string): number[] {
  return [...Array.from(embedding), ...lexicalFeatures(body, subject)];
}
