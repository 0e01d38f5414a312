/** Who an erasure is about: the contact, its flow runs, and the addresses it was reached at. */
export interface ErasureSubject {
  tenantId: string;
  contactId: string;
  /** The contact's flow runs (enrollment ids), whose messages and agent chains are its own. */
  enrollmentIds: string[];
  /** The contact's email and phone as stored on the contact. */
  addresses: string[];
}

/** What a blanked JSON column holds instead, so a reader sees why it is empty. */
export const REDACTED_JSON = JSON.stringify({ redacted: 'gdpr erase' });
