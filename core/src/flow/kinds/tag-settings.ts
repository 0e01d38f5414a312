import { z } from 'zod';

/** The one setting of add_tag and remove_tag. */
export const tagSettings = z.object({
  tag: z.string().trim().min(1, 'must not be empty').max(64).describe('Tag name'),
});
