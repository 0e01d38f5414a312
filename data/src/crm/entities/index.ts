import { AuditLogEntity } from './audit-log-entry';
import { CompanyEntity } from './company';
import { ContactEntity } from './contact';
import { CustomFieldDefinitionEntity } from './custom-field-definition';
import { DealEntity } from './deal';
import { NoteEntity } from './note';
import { PipelineEntity } from './pipeline';
import { PipelineStageEntity } from './pipeline-stage';
import { TaskEntity } from './task';
import { TimelineEntryEntity } from './timeline-entry';

export const CRM_ENTITIES = [
  CompanyEntity,
  ContactEntity,
  PipelineEntity,
  PipelineStageEntity,
  DealEntity,
  TaskEntity,
  NoteEntity,
  TimelineEntryEntity,
  CustomFieldDefinitionEntity,
  AuditLogEntity,
];
