import type {
  KnowledgeDocument,
  KnowledgeDocumentCreate,
  SemanticSearchRequest,
  SemanticSearchResponse,
} from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

/** The knowledge base's documents and the semantic search, in the one API slice. */
export const knowledgeApi = cadenzaApi.enhanceEndpoints({ addTagTypes: ['KnowledgeDocument'] }).injectEndpoints({
  endpoints: (build) => ({
    knowledgeDocuments: build.query<KnowledgeDocument[], void>({
      query: () => '/knowledge/documents',
      transformResponse: (body: { items: KnowledgeDocument[] }) => body.items,
      providesTags: ['KnowledgeDocument'],
    }),
    addKnowledgeDocument: build.mutation<KnowledgeDocument, KnowledgeDocumentCreate>({
      query: (body) => ({ url: '/knowledge/documents', method: 'POST', body }),
      invalidatesTags: ['KnowledgeDocument'],
    }),
    deleteKnowledgeDocument: build.mutation<void, string>({
      query: (id) => ({ url: `/knowledge/documents/${id}`, method: 'DELETE' }),
      invalidatesTags: ['KnowledgeDocument'],
    }),
    semanticSearch: build.query<SemanticSearchResponse, Partial<SemanticSearchRequest> & { query: string }>({
      query: (body) => ({ url: '/search/semantic', method: 'POST', body }),
    }),
  }),
});

export const {
  useKnowledgeDocumentsQuery,
  useAddKnowledgeDocumentMutation,
  useDeleteKnowledgeDocumentMutation,
  useSemanticSearchQuery,
} = knowledgeApi;
