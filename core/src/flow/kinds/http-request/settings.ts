import { z } from 'zod';
import { nodeSchemaOf } from '../../node-shape';
import { templateText } from '../../primitives';

export const HttpRequestSchema = nodeSchemaOf(
  'http_request',
  z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST').describe('HTTP method'),
    // Not z.url(): placeholders like {{contact.id}} in the path are not valid URL characters until rendered.
    url: templateText('Target URL').regex(/^https?:\/\//, 'must start with http:// or https://'),
    headers: z.record(z.string(), z.string()).default({}).describe('Extra request headers'),
    body: z.string().optional().describe('Request body (usually JSON). May use {{contact.<field>}} placeholders'),
  }),
);
