import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

// Nothing to configure: a person enrolls contacts from the CRM.
export const ManualTriggerSchema = nodeSchemaOf('manual', z.object({}));
