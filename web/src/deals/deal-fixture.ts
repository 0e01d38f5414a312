import type { Deal } from '@cadenza/core';

/** A deal of pipeline "p" for the board's tests; only what the board reads varies. */
export const dealFixture = (
  id: string,
  stageId: string,
  amount: number | null,
  updatedAt: string,
  currency = 'USD',
): Deal => ({
  id,
  name: id,
  amount,
  currency,
  pipelineId: 'p',
  stageId,
  contactId: null,
  companyId: null,
  ownerId: null,
  closeDate: null,
  createdAt: updatedAt,
  updatedAt,
});
