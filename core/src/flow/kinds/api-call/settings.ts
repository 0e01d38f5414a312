import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';

// Nothing to configure: the caller names the contact; the API key decides the tenant.
export const ApiCallTriggerSchema = nodeSchemaOf('api_call', z.object({}));
