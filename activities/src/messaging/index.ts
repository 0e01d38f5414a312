export { createMessagingService, type MessagingService, type SendOutcome } from './messaging-service';
export { loadMessagingSettings, messagingSettingsFrom, type MessagingSettings } from './messaging-settings';
export { recordInboundEvent, intakeInboundEmail, type SignalRun, type InboundEmail } from './inbound-intake';
export { verifyTrackingToken, signTrackingToken } from './tracking-token';
export { startSmtpSink, headerOf, type SmtpSink } from './smtp-sink';
export { renderMessageTemplate } from './render-message';
export { takeSendSlot, SendThrottled, DEFAULT_SEND_LIMITS, type SendLimits } from './send-throttle';
export { previewTemplate, type TemplatePreview } from './template-preview';
export { checkMailbox, type MailboxCheckDependencies } from './mailbox-check';
