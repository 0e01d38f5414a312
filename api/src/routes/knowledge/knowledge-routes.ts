import { z } from 'zod';
import type { Client } from '@temporalio/client';
import {
  KnowledgeDocumentCreateSchema,
  KnowledgeDocumentSchema,
  knowledgeIndexWorkflowId,
  SemanticSearchQuerySchema,
  SemanticSearchRequestSchema,
  SemanticSearchResponseSchema,
  type SemanticSearchRequest,
} from '@cadenza/core';
import {
  createKnowledgeDocument,
  deleteKnowledgeDocument,
  getKnowledgeDocument,
  listKnowledgeDocuments,
  markKnowledgeDocumentFailed,
  type DataSource,
} from '@cadenza/data';
import { WORKFLOW_NAMES, type WorkflowContracts } from '@cadenza/contracts';
import { createKnowledgeSearch, type EmbedQuery } from '@cadenza/services/ai';
import type { Principal } from '@cadenza/core';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import { embedQueryOnWorker } from './embed-query-on-worker';

interface KnowledgeDeps {
  db: DataSource;
  temporal: Client;
  taskQueue: string;
}

const DocumentParams = z.object({ id: z.uuid().describe('knowledge document id') });

/**
 * The workspace knowledge base (documents and snippets: admins and marketers add and delete,
 * everyone reads) and semantic search over it and over contacts' notes and timeline entries, in
 * the caller's view of contacts (a sales rep finds only its own contacts' notes).
 */
export function knowledgeRoutes(deps: KnowledgeDeps): ApiRoute[] {
  const search = async (principal: Principal, request: SemanticSearchRequest) => {
    let model = '';
    const embedQuery: EmbedQuery = async (text) => {
      const embedded = await embedQueryOnWorker(deps, principal.tenantId)(text);
      model = embedded.model;
      return embedded;
    };
    const items = await createKnowledgeSearch({ db: deps.db, embedQuery }).search({
      tenantId: principal.tenantId,
      query: request.query,
      limit: request.limit,
      visibleTo: principal,
      ...(request.sources ? { sources: request.sources } : {}),
      ...(request.contactId ? { contactId: request.contactId } : {}),
    });
    return { body: { model, items } };
  };
  const searchResponses = {
    200: { description: 'hits, best first', schema: SemanticSearchResponseSchema },
    400: { description: 'an empty or over-long query, an unknown source, a limit out of bounds' },
  };

  return [
    defineRoute({
      method: 'get',
      path: '/knowledge/documents',
      tag: 'knowledge',
      summary: "The workspace's knowledge documents and snippets, newest first, with their indexing status",
      access: 'knowledge:read',
      responses: { 200: { description: 'documents', schema: z.object({ items: z.array(KnowledgeDocumentSchema) }) } },
      handler: async ({ principal }) => ({
        body: { items: await listKnowledgeDocuments(deps.db, principal.tenantId) },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/knowledge/documents/:id',
      tag: 'knowledge',
      summary: 'One knowledge document: its status, chunks and embedding model',
      access: 'knowledge:read',
      params: DocumentParams,
      responses: {
        200: { description: 'the document', schema: KnowledgeDocumentSchema },
        404: { description: 'none' },
      },
      handler: async ({ principal, params }) => ({
        body: await getKnowledgeDocument(deps.db, principal.tenantId, params.id),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/knowledge/documents',
      tag: 'knowledge',
      summary:
        "Add a document or snippet (plain text or Markdown); it answers at once with status 'indexing' and is chunked and embedded on the worker",
      access: 'knowledge:manage',
      body: KnowledgeDocumentCreateSchema,
      responses: {
        202: { description: 'stored; indexing', schema: KnowledgeDocumentSchema },
        400: { description: 'no title, no text, or text over the size limit' },
      },
      handler: async ({ principal, body }) => {
        const document = await createKnowledgeDocument(deps.db, principal.tenantId, body, principal.userId);
        const input = { tenantId: principal.tenantId, documentId: document.id };
        try {
          await deps.temporal.workflow.start<WorkflowContracts['knowledgeIndexDocumentWorkflow']>(
            WORKFLOW_NAMES.knowledgeIndexDocumentWorkflow,
            {
              taskQueue: deps.taskQueue,
              workflowId: knowledgeIndexWorkflowId(input.tenantId, input.documentId),
              args: [input],
            },
          );
        } catch (error) {
          // Not left 'indexing' forever: the list says why, and the document can be deleted and added again.
          await markKnowledgeDocumentFailed(deps.db, input.tenantId, input.documentId, 'indexing could not be started');
          throw error;
        }
        return { status: 202, body: document };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/knowledge/documents/:id',
      tag: 'knowledge',
      summary: 'Delete a knowledge document or snippet with its vectors',
      access: 'knowledge:manage',
      params: DocumentParams,
      responses: { 204: { description: 'deleted' }, 404: { description: 'none' } },
      handler: async ({ principal, params }) => {
        await deleteKnowledgeDocument(deps.db, principal.tenantId, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/search/semantic',
      tag: 'knowledge',
      summary:
        "Search knowledge documents and contacts' notes and timeline by meaning (the caller's contacts only, for a sales rep)",
      access: 'knowledge:read',
      query: SemanticSearchQuerySchema,
      responses: searchResponses,
      handler: async ({ principal, query }) => search(principal, query),
    }),
    defineRoute({
      method: 'post',
      path: '/search/semantic',
      tag: 'knowledge',
      summary: 'The same search with a JSON body',
      access: 'knowledge:read',
      body: SemanticSearchRequestSchema,
      responses: searchResponses,
      handler: async ({ principal, body }) => search(principal, body),
    }),
  ];
}
