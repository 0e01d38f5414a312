// Reply triage: the interface, the offline classifier (preprocessing, features, the committed model)
// and the extractions every triager adds (return date, referral). Nothing here loads a model at import.
export * from './reply-triager';
export * from './local-reply-triager';
export * from './complete-triage';
export * from './reply-text';
export * from './return-date';
export * from './referral';
export * from './reply-triage-model';
export * from './current-model';
export * from './reply-set-features';
export * from './train-reply-triage-model';
export * from './replies/labelled-reply';
