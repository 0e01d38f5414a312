import type { AgentToolCallTrace } from '@cadenza/core';

const KNOWLEDGE_PASSAGES = 3;
const PASSAGE_CHARS = 240;
const ACTIVITY_LINES = 5;

type Lookup = {
  contact?: Record<string, unknown> | null;
  company?: Record<string, unknown> | null;
  openDeals?: Array<Record<string, unknown>>;
  recentActivity?: Array<{ summary?: unknown }>;
};
type Search = { hits?: Array<{ title?: unknown; text?: unknown }> };

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

function lookupLines(found: Lookup): string[] {
  const contact = found.contact ?? {};
  const name = [str(contact.firstName), str(contact.lastName)].filter(Boolean).join(' ');
  const company = str(found.company?.name) ?? str(contact.company);
  const who = [name || null, str(contact.title), company && `at ${company}`].filter(Boolean).join(', ');
  const lines = who ? [`${who}.`] : [];
  const industry = str(found.company?.industry);
  if (industry) lines.push(`Industry: ${industry}.`);
  const stage = str(contact.lifecycleStage);
  if (stage) lines.push(`Lifecycle stage: ${stage.replace(/_/g, ' ')}.`);
  const deals = (found.openDeals ?? []).map((deal) => `${str(deal.name) ?? 'a deal'} (${str(deal.stage) ?? 'open'})`);
  if (deals.length) lines.push(`Open deals: ${deals.join('; ')}.`);
  const activity = (found.recentActivity ?? []).flatMap((entry) => str(entry.summary) ?? []).slice(0, ACTIVITY_LINES);
  if (activity.length) lines.push(`Recent activity: ${activity.join('; ')}.`);
  return lines;
}

function searchLines(found: Search): string[] {
  return (found.hits ?? []).slice(0, KNOWLEDGE_PASSAGES).flatMap((hit) => {
    const text = str(hit.text)?.replace(/\s+/g, ' ');
    if (!text) return [];
    const cut = text.length > PASSAGE_CHARS ? `${text.slice(0, PASSAGE_CHARS)}…` : text;
    return [`From "${str(hit.title) ?? 'knowledge'}": ${cut}`];
  });
}

/**
 * The research notes of an agent that used its tools: what crm_lookup and knowledge_search
 * returned, as short lines (the record's facts, open deals, recent activity, the best passages),
 * rather than the raw record pasted into a prompt. A tool-calling model's own closing notes win
 * when it wrote some. Null when the tools found nothing to say (the model researches instead).
 */
export function researchFromTools(calls: readonly AgentToolCallTrace[], notes: string | null): string | null {
  if (notes?.trim()) return notes.trim();
  const lines = calls.flatMap((call) => {
    if (call.error || call.output === undefined) return [];
    if (call.tool === 'crm_lookup') return lookupLines(call.output as Lookup);
    if (call.tool === 'knowledge_search') return searchLines(call.output as Search);
    return [];
  });
  return lines.length ? lines.join('\n') : null;
}
