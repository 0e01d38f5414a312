// The API and the mailbox sync signal runs the same way; the one implementation lives in services.
export { signalRunWith } from '@cadenza/services/messaging';
