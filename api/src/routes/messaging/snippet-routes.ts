import { z } from 'zod';
import { LIMIT_DESCRIPTIONS, SnippetNameSchema, SnippetViewSchema, SnippetWriteSchema } from '@cadenza/core';
import { deleteSnippet, getSnippet, listSnippets, putSnippet, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const NameParams = z.object({ name: SnippetNameSchema });

/**
 * The tenant's template snippets (Handlebars partials, {{> name}} in a template). Everyone
 * who reads flows may read them; those who manage templates edit them. Edits apply to the
 * next send of every flow that includes the snippet.
 */
export function snippetRoutes(deps: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/snippets',
      tag: 'messaging',
      summary: 'List the template snippets of the workspace',
      access: 'flows:read',
      responses: { 200: { description: 'snippets by name', schema: z.object({ items: z.array(SnippetViewSchema) }) } },
      handler: async ({ principal }) => ({ body: { items: await listSnippets(deps.db, principal.tenantId) } }),
    }),
    defineRoute({
      method: 'get',
      path: '/snippets/:name',
      tag: 'messaging',
      summary: 'A template snippet',
      access: 'flows:read',
      params: NameParams,
      responses: { 200: { description: 'the snippet', schema: SnippetViewSchema }, 404: { description: 'not found' } },
      handler: async ({ principal, params }) => ({ body: await getSnippet(deps.db, principal.tenantId, params.name) }),
    }),
    defineRoute({
      method: 'put',
      path: '/snippets/:name',
      tag: 'messaging',
      summary: 'Create or replace a template snippet',
      access: 'templates:manage',
      params: NameParams,
      body: SnippetWriteSchema,
      responses: {
        200: { description: 'replaced', schema: SnippetViewSchema },
        201: { description: 'created', schema: SnippetViewSchema },
        400: {
          description: `the body does not compile, includes a missing snippet, or would include itself; ${LIMIT_DESCRIPTIONS.snippet}`,
        },
      },
      handler: async ({ principal, params, body }) => {
        const { snippet, created } = await putSnippet(deps.db, principal.tenantId, params.name, body);
        return { status: created ? 201 : 200, body: snippet };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/snippets/:name',
      tag: 'messaging',
      summary: 'Remove a template snippet that nothing uses any more',
      access: 'templates:manage',
      params: NameParams,
      responses: {
        204: { description: 'removed' },
        404: { description: 'not found' },
        409: { description: 'another snippet or a live flow still includes it (details.uses names them)' },
      },
      handler: async ({ principal, params }) => {
        await deleteSnippet(deps.db, principal.tenantId, params.name);
        return { status: 204 };
      },
    }),
  ];
}
