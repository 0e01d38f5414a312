import type { DataSource } from 'typeorm';
import type { SignalRun } from '../inbound-intake';
import { referencedMessageIds } from '../message-id';
import { importDeliveryReport } from './bounce-intake';
import { mayBeDeliveryReport, parseDeliveryReport } from './delivery-report';
import type { ImportingMailbox, InboundMessage, InboundVia } from './import-message';
import { isDuplicateImport, type InboundContent } from './inbound-content';
import { ownEmailComeBack, recordLoop } from './mail-loops';

/** A report's parts come before the message it returns: this much of it is read. */
const REPORT_BYTES = 1024 * 1024;

/**
 * Mail that is never a reply, handled before reply matching: one of our own emails come back
 * (recorded as a loop), and delivery reports (bounce-intake.ts). Answers whether this call
 * imported the message, or null when it is neither and reply matching decides.
 */
export async function importIfNotAReply(
  deps: { db: DataSource; signalRun: SignalRun },
  mailbox: ImportingMailbox,
  entry: Omit<InboundMessage, 'source'>,
  content: InboundContent,
  via: InboundVia,
): Promise<boolean | null> {
  const { db } = deps;
  const { key } = entry;
  const own = await ownEmailComeBack(db, mailbox.tenantId, entry);
  if (own) {
    if (!own.message) return false;
    const rfcMessageId = referencedMessageIds(entry.headers.get('message-id'))[0] ?? null;
    if (await isDuplicateImport(db, mailbox.id, rfcMessageId, content)) return false;
    return recordLoop(db, mailbox, key, {
      cause: 'own_message',
      rfcMessageId,
      messageId: own.message.id,
      contentHash: await content.hash(),
    });
  }
  if (!mayBeDeliveryReport(entry)) return null;
  const source = await content.source();
  const report = source ? parseDeliveryReport(source.subarray(0, REPORT_BYTES), entry.from) : null;
  if (!report) return null;
  return importDeliveryReport(deps, mailbox, entry, content, report, via);
}
