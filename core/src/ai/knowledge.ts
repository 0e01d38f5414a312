import { z } from 'zod';

/**
 * The workspace knowledge base and semantic search, as the API speaks them. Documents and snippets
 * are chunked and embedded on the worker; contacts' notes and timeline entries are embedded as
 * they are written. A search embeds its query on the worker too and ranks every vector of the
 * workspace exactly (services/src/ai/knowledge).
 */
export const KNOWLEDGE_SOURCES = ['document', 'note', 'timeline'] as const;
export type KnowledgeSource = (typeof KNOWLEDGE_SOURCES)[number];

/** Upload and query bounds: a document is read whole into one request and chunked in one activity. */
export const KNOWLEDGE_LIMITS = {
  /** UTF-8 bytes of one document's text: 900 KB, so its JSON upload stays within the 1 MiB request body limit. */
  documentBytes: 900_000,
  titleChars: 200,
  /** A search query (the embedder reads at most 256 tokens anyway). */
  queryChars: 1000,
  defaultHits: 10,
  maxHits: 50,
} as const;

export const KnowledgeDocumentKindSchema = z
  .enum(['document', 'snippet'])
  .describe('a document (an uploaded file, chunked) or a snippet (a short text kept as one piece where it fits)');
export const KnowledgeFormatSchema = z.enum(['text', 'markdown']).describe('plain text or Markdown');
export const KnowledgeStatusSchema = z
  .enum(['indexing', 'ready', 'failed'])
  .describe('indexing until every chunk is embedded; failed with the error when indexing gave up');

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const KnowledgeDocumentCreateSchema = z.object({
  kind: KnowledgeDocumentKindSchema.default('document'),
  title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.titleChars).describe('title shown with each matching chunk'),
  format: KnowledgeFormatSchema.default('text'),
  text: z
    .string()
    .refine((text) => text.trim().length > 0, 'text is empty')
    .refine(
      (text) => utf8Bytes(text) <= KNOWLEDGE_LIMITS.documentBytes,
      `text is over ${KNOWLEDGE_LIMITS.documentBytes} bytes (UTF-8)`,
    )
    .describe(`the document's text, at most ${KNOWLEDGE_LIMITS.documentBytes} bytes of UTF-8`),
});
export type KnowledgeDocumentCreate = z.infer<typeof KnowledgeDocumentCreateSchema>;

export const KnowledgeDocumentSchema = z.object({
  id: z.uuid(),
  kind: KnowledgeDocumentKindSchema,
  title: z.string(),
  format: KnowledgeFormatSchema,
  bytes: z.number().int().describe('size of the text in UTF-8 bytes'),
  status: KnowledgeStatusSchema,
  error: z.string().nullable().describe('why indexing failed'),
  chunks: z.number().int().describe('chunks embedded'),
  model: z.string().nullable().describe('the embedding model of its chunks'),
  createdAt: z.string(),
  indexedAt: z.string().nullable(),
});
export type KnowledgeDocument = z.infer<typeof KnowledgeDocumentSchema>;

export const KnowledgeSourceSchema = z.enum(KNOWLEDGE_SOURCES);

export const SemanticSearchRequestSchema = z.object({
  query: z
    .string()
    .trim()
    .min(1, 'query is empty')
    .max(KNOWLEDGE_LIMITS.queryChars, `query is over ${KNOWLEDGE_LIMITS.queryChars} characters`)
    .describe('what to look for, in plain words'),
  sources: z
    .array(KnowledgeSourceSchema)
    .min(1)
    .optional()
    .describe('where to look: document, note, timeline (default all three)'),
  contactId: z.uuid().optional().describe("only this contact's notes and timeline (documents still match)"),
  limit: z.coerce.number().int().min(1).max(KNOWLEDGE_LIMITS.maxHits).default(KNOWLEDGE_LIMITS.defaultHits),
});
export type SemanticSearchRequest = z.infer<typeof SemanticSearchRequestSchema>;

/** The GET form: sources as a comma-separated list. */
export const SemanticSearchQuerySchema = SemanticSearchRequestSchema.extend({
  sources: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((s) => s.trim()) : undefined))
    .pipe(z.array(KnowledgeSourceSchema).min(1).optional())
    .describe('comma-separated: document,note,timeline (default all three)'),
});

export const SemanticSearchHitSchema = z.object({
  source: KnowledgeSourceSchema,
  id: z.string().describe("the chunk's, note's or timeline entry's id"),
  contactId: z.string().nullable().describe('the contact the text belongs to (notes, timeline); null for documents'),
  title: z.string().describe('document title, or what and whose: "Note about Lena Park"'),
  text: z.string().describe('the matching text (one chunk)'),
  score: z.number().describe('cosine similarity, -1..1, higher is closer'),
});
/** One hit of a semantic search (services/src/ai/knowledge/knowledge-search.ts). */
export type KnowledgeHit = z.infer<typeof SemanticSearchHitSchema>;

export const SemanticSearchResponseSchema = z.object({
  model: z.string().describe('the embedding model that ranked the hits'),
  items: z.array(SemanticSearchHitSchema),
});
export type SemanticSearchResponse = z.infer<typeof SemanticSearchResponseSchema>;
