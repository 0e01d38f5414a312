import type { MessageChannel, MessageView, Page } from '@cadenza/core';

/** What the outbox list is filtered by (the API's filters the page offers). */
export interface OutboxFilter {
  channel?: MessageChannel;
}

/** The messages of the loaded pages, newest first as the server sent them, each once. */
export function outboxRows(pages: readonly Page<MessageView>[] | undefined): MessageView[] {
  const seen = new Set<string>();
  const rows: MessageView[] = [];
  for (const page of pages ?? []) {
    for (const message of page.items) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      rows.push(message);
    }
  }
  return rows;
}

const matches = (message: MessageView, filter: OutboxFilter) => !filter.channel || message.channel === filter.channel;

/**
 * The pages once a message changed or was just sent: a loaded copy is replaced where it
 * stands (a status change does not reorder the list); a new message the filter shows goes into
 * the first page, newest first. Cursors stay as they are, so "load more" still continues after the
 * last message the server sent. Before the first page there is nothing to add it to.
 */
export function withMessage(
  pages: readonly Page<MessageView>[],
  message: MessageView,
  filter: OutboxFilter,
): Page<MessageView>[] {
  let replaced = false;
  const next = pages.map((page) => {
    if (!page.items.some((item) => item.id === message.id)) return page;
    replaced = true;
    return { ...page, items: page.items.map((item) => (item.id === message.id ? message : item)) };
  });
  if (replaced || next.length === 0 || !matches(message, filter)) return next;
  const [first, ...rest] = next;
  // Newest first even when two sends arrive out of order: before the first older message.
  const at = first!.items.findIndex((item) => item.createdAt < message.createdAt);
  const items = [...first!.items];
  items.splice(at === -1 ? items.length : at, 0, message);
  return [{ ...first!, items }, ...rest];
}

/** Whether a message is on one of the loaded pages (only those are worth refetching on a status event). */
export const isLoaded = (pages: readonly Page<MessageView>[] | undefined, id: string) =>
  (pages ?? []).some((page) => page.items.some((item) => item.id === id));
