import { NotFoundError } from '@cadenza/core';
import type { EnrollmentOutcome, EnrollmentRequest } from '@cadenza/services/flow';

/** The activity behind bulk enrollment: one batch of contacts, each enrolled on its own. */
export function createBulkEnrollmentActivities(enroll: (request: EnrollmentRequest) => Promise<EnrollmentOutcome>) {
  return {
    async enrollContactBatch(input: { tenantId: string; flowId: string; contactIds: string[] }) {
      const counts = { started: 0, alreadyEnrolled: 0, skipped: 0, failed: 0, errors: [] as string[] };
      for (const contactId of input.contactIds) {
        try {
          const outcome = await enroll({ tenantId: input.tenantId, flowId: input.flowId, contactId, source: 'bulk' });
          if (outcome.status === 'started') counts.started += 1;
          else if (outcome.status === 'already_enrolled') counts.alreadyEnrolled += 1;
          else counts.skipped += 1;
        } catch (error) {
          // A missing contact is that contact's problem, not the batch's; anything else retries the batch.
          if (!(error instanceof NotFoundError)) throw error;
          counts.failed += 1;
          if (counts.errors.length < 20) counts.errors.push(error.message);
        }
      }
      return counts;
    },
  };
}
