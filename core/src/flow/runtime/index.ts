// Pure, deterministic helpers the flow interpreter calls inside Temporal's workflow sandbox:
// no clock, no randomness, no I/O; only Intl and zod.
export * from './zoned-time';
export * from './sending-window';
export * from './business-days';
export * from './to-date';
export * from './contact-snapshot';
export * from './wait-until';
export * from './evaluate-condition';
export * from './ab-split';
export * from './render-template';
export * from './graph-walk';
export * from './reply-act';
export * from './triage-reply-output';
