import { z } from 'zod';
import { IdSchema, UserIdSchema } from './common';

const CompanyFields = {
  name: z.string().trim().min(1).max(200).describe('company name'),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'expects a domain such as acme.com')
    .max(253)
    .nullable()
    .describe('web domain, e.g. acme.com'),
  industry: z.string().trim().max(100).nullable().describe('industry'),
  size: z.number().int().min(0).nullable().describe('number of employees'),
  ownerId: UserIdSchema.nullable().describe('user who owns the account'),
};

export const CompanyCreateSchema = z.object(CompanyFields).partial().required({ name: true }).strict();
export type CompanyCreate = z.infer<typeof CompanyCreateSchema>;

export const CompanyUpdateSchema = z.object(CompanyFields).partial().strict();
export type CompanyUpdate = z.infer<typeof CompanyUpdateSchema>;

export const CompanySchema = z.object({
  id: IdSchema,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.number().nullable(),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof CompanySchema>;
