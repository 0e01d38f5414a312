import { z } from 'zod';
import { ROLES } from './roles';

/** A role as the API accepts it. */
export const RoleSchema = z.enum(ROLES).describe('admin, marketer, sales_rep or ops');
