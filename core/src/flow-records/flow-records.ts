import { z } from 'zod';

export const FLOW_KINDS = ['sequence', 'automation', 'agent'] as const;
export const FlowKindSchema = z.enum(FLOW_KINDS).describe('sequence, automation or agent chain');

export const FLOW_STATUSES = ['draft', 'active', 'paused', 'archived'] as const;
export const FlowStatusSchema = z
  .enum(FLOW_STATUSES)
  .describe('draft until first publish; paused stops new enrollments; archived also cancels open runs');

export const FlowSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: FlowKindSchema,
  status: FlowStatusSchema,
  latestVersion: z.number().int().nullable().describe('newest published version; null before the first publish'),
  draft: z.unknown().describe('the definition being edited (may be invalid until published)'),
  archivedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Flow = z.infer<typeof FlowSchema>;

export const CreateFlowSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('flow name shown in lists'),
  kind: FlowKindSchema,
  draft: z.unknown().optional().describe('initial definition; validated on save'),
});

export const UpdateFlowSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    draft: z.unknown().optional().describe('new draft definition; must pass validation'),
  })
  .refine((body) => body.name !== undefined || body.draft !== undefined, 'send name and/or draft');

export const FlowVersionSchema = z.object({
  flowId: z.string(),
  version: z.number().int().positive(),
  definition: z.unknown(),
  publishedAt: z.string(),
});
export type FlowVersion = z.infer<typeof FlowVersionSchema>;

export const ArchiveFlowSchema = z.object({
  reason: z.string().trim().min(1).max(500).describe('recorded on every run the archive cancels'),
});
