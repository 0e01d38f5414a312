import { KNOWLEDGE_LIMITS, type KnowledgeDocument } from '@cadenza/core';

/** A file's title (its name without the extension) and format (Markdown by extension), or why it cannot be added. */
export function uploadOf(
  fileName: string,
  bytes: number,
): { title: string; format: 'text' | 'markdown' } | { error: string } {
  if (!/\.(txt|text|md|markdown)$/i.test(fileName))
    return { error: `${fileName}: only plain text (.txt) and Markdown (.md) files can be added` };
  if (bytes > KNOWLEDGE_LIMITS.documentBytes)
    return {
      error: `${fileName} is ${Math.ceil(bytes / 1000)} KB; a document may be at most ${KNOWLEDGE_LIMITS.documentBytes / 1000} KB`,
    };
  if (bytes === 0) return { error: `${fileName} is empty` };
  const title = fileName.replace(/\.[^.]+$/, '').slice(0, KNOWLEDGE_LIMITS.titleChars) || fileName;
  return { title, format: /\.(md|markdown)$/i.test(fileName) ? 'markdown' : 'text' };
}

/** The list polls while a document is still being indexed, and stops once none is. */
export const anyIndexing = (documents: readonly Pick<KnowledgeDocument, 'status'>[] | undefined) =>
  (documents ?? []).some((document) => document.status === 'indexing');
