import type { EntitySchema, MixedList } from 'typeorm';
import { TenantEntity } from './entities/tenant';
import { ApiKeyEntity } from './entities/api-key';
import { SmokeRunEntity } from './entities/smoke-run';
import { Foundation1764300000000 } from './migrations/1764300000000-foundation';
import { ApiKeyRoles1764300100000 } from './migrations/1764300100000-api-key-roles';
import { DomainEventCommitSeq1764300800000, DomainEventLog1764300150000 } from './events';
import {
  InvitationEntity,
  MembershipEntity,
  SessionEntity,
  SignInDeviceEntity,
  UserEntity,
  UsersAndSessions1764300200000,
} from './auth';
import { InvitationsAndSignInDevices1764301610000 } from './migrations/1764301610000-invitations-and-sign-in-devices';
import { PayloadKeys1764301700000 } from './migrations/1764301700000-payload-keys';
import { FlowEngine1764300500000 } from './flows/migration';
import {
  CRM_ENTITIES,
  CrmCore1764300300000,
  CrmRecordSearch1764301100000,
  DealBoardPaging1764301500000,
} from './crm/schema';
import { Messaging1764300700000 } from './messaging/migration';
import { AnalyticsIndexes1764301050000 } from './analytics/migration';
import { ContactViews1764301000000 } from './contact-workspace/migration';
import { AiAgents1764300900000 } from './ai/agent-migration';
import { AiDraftReview1764301950000 } from './ai/draft-review-migration';
import { AiPromptsAndBudgets1764300910000 } from './ai/prompts-migration';
import { LeadScoringModels1764301300000 } from './ai/lead-scoring-migration';
import { AiCostBudget1764301350000 } from './ai/ai-cost-budget-migration';
import { MailboxSendLimits1764300950000 } from './messaging/send-limits-migration';
import { TemplateSnippets1764300951000 } from './messaging/snippets-migration';
import { MessagingProviders1764300952000 } from './messaging/provider-settings-migration';
import { MailboxSync1764301800000 } from './messaging/mailbox-sync-migration';
import { MailboxBounces1764301830000 } from './messaging/mailbox-bounces-migration';
import { MailProviders1764301921000 } from './messaging/mail-providers-migration';
import { MailboxIdentity1764301930000 } from './messaging/mailbox-identity-migration';
import { MailboxOAuthOwner1764301975000 } from './messaging/mailbox-oauth-owner-migration';
import { FlowRunRest1764302240000 } from './flows/run-rest-migration';
import { TestRunStarters1764302600000 } from './flows/test-run-starters-migration';
import { KnowledgeBase1764302300000 } from './knowledge/knowledge-migration';
import { AuditTrail1764302500000 } from './audit/audit-trail-migration';
import {
  ContactSearchIndex1764300600001,
  CrmImports1764300600000,
  ImportEntity,
  ImportFileRowEntity,
} from './crm-import';

/**
 * Every entity and migration of the one data layer, grouped by area. An area adds one
 * line to each list. Migrations run in timestamp order whatever their place here.
 */
export const ENTITIES: MixedList<EntitySchema> = [
  TenantEntity,
  ApiKeyEntity,
  SmokeRunEntity,
  UserEntity,
  MembershipEntity,
  SessionEntity,
  InvitationEntity,
  SignInDeviceEntity,
  ...CRM_ENTITIES,
  ImportEntity,
  ImportFileRowEntity,
];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own migration list type
export const MIGRATIONS: Function[] = [
  Foundation1764300000000,
  ApiKeyRoles1764300100000,
  DomainEventLog1764300150000,
  DomainEventCommitSeq1764300800000,
  UsersAndSessions1764300200000,
  FlowEngine1764300500000,
  CrmCore1764300300000,
  CrmRecordSearch1764301100000,
  DealBoardPaging1764301500000,
  CrmImports1764300600000,
  ContactSearchIndex1764300600001,
  Messaging1764300700000,
  ContactViews1764301000000,
  AiAgents1764300900000,
  AiPromptsAndBudgets1764300910000,
  LeadScoringModels1764301300000,
  AiCostBudget1764301350000,
  MailboxSendLimits1764300950000,
  TemplateSnippets1764300951000,
  MessagingProviders1764300952000,
  AnalyticsIndexes1764301050000,
  InvitationsAndSignInDevices1764301610000,
  PayloadKeys1764301700000,
  MailboxSync1764301800000,
  MailboxBounces1764301830000,
  MailProviders1764301921000,
  MailboxIdentity1764301930000,
  AiDraftReview1764301950000,
  MailboxOAuthOwner1764301975000,
  FlowRunRest1764302240000,
  KnowledgeBase1764302300000,
  AuditTrail1764302500000,
  TestRunStarters1764302600000,
];
