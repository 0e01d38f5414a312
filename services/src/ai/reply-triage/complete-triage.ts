import type { ReplyTriage } from '@cadenza/core';
import { extractReferral } from './referral';
import { extractReturnDate } from './return-date';

/**
 * Adds what the text says beyond the intent, whoever classified it: the return date of an away
 * message, the person a wrong-person reply points to. Read from the body (quotes and signature
 * stripped), so the sender's own signature is never taken for a referral.
 */
export function completeTriage(triage: ReplyTriage, body: string, receivedAt: string | undefined): ReplyTriage {
  const { returnDate: _returnDate, referral: _referral, ...rest } = triage;
  if (triage.intent === 'out_of_office') {
    const returnDate = extractReturnDate(body, receivedAt ? new Date(receivedAt) : new Date());
    return returnDate ? { ...rest, returnDate } : rest;
  }
  if (triage.intent === 'wrong_person') {
    const referral = extractReferral(body);
    return referral ? { ...rest, referral } : rest;
  }
  return rest;
}
