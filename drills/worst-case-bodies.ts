import { LIMITS } from '@cadenza/core';
import {
  chainFlow,
  deepDraftBody,
  duplicateEdgesFlow,
  largestAllowedFlow,
} from '@cadenza/test-harness/worst-case-flows';
import type { ApiProcess } from './api-process';

/**
 * Requests that once stalled or broke the API (issue 19 §3), sent on purpose because a fuzzer
 * would never generate them: 30,000 duplicate edges (7-9 s of blocked event loop), long chains
 * and a 10,000-deep draft (500s from stack overflows), snippets doubling per level, templates
 * nested thousands deep, the removed `log` helper. Each must answer its class of status, never
 * a 5xx, within CASE_SECONDS.
 */
export interface WorstCase {
  name: string;
  method: 'POST' | 'PUT';
  path: string;
  /** Raw JSON text: a 10,000-deep body cannot go through JSON.stringify safely. */
  body: string;
  expect: '2xx' | '4xx' | 'not 5xx';
}

export const CASE_SECONDS = 5;

const json = (value: unknown) => JSON.stringify(value);

/** The cases in the order they are sent (the snippet chain builds up one save at a time). */
export function worstCases(contactId: string): WorstCase[] {
  const deep = 10_000;
  const nested = '{{#if contact.firstName}}'.repeat(5_000) + 'x' + '{{/if}}'.repeat(5_000);
  const preview = (body: string) => json({ subject: 'Hi', body, contactId });
  // bomb7 is text; each bomb<k> includes bomb<k+1> twice; bomb1 would include 127 snippets.
  const snippetChain: WorstCase[] = [7, 6, 5, 4, 3, 2].map((k) => ({
    name: `snippet bomb, level ${k}`,
    method: 'PUT',
    path: `/api/v1/snippets/bomb${k}`,
    body: json({ body: k === 7 ? 'x'.repeat(100) : `{{> bomb${k + 1}}}{{> bomb${k + 1}}}` }),
    expect: 'not 5xx',
  }));
  return [
    {
      name: '30,000 duplicate edges',
      method: 'POST',
      path: '/api/v1/flows/validate',
      body: json({ definition: duplicateEdgesFlow(30_000) }),
      expect: '4xx',
    },
    {
      name: '7,000-node chain (validate)',
      method: 'POST',
      path: '/api/v1/flows/validate',
      body: json({ definition: chainFlow(7_000) }),
      expect: '4xx',
    },
    {
      name: '5,000-node chain (save)',
      method: 'POST',
      path: '/api/v1/flows',
      body: json({ name: 'Chain', kind: 'sequence', draft: chainFlow(5_000) }),
      expect: '4xx',
    },
    {
      name: 'largest flow the limits allow',
      method: 'POST',
      path: '/api/v1/flows/validate',
      body: json({ definition: largestAllowedFlow() }),
      expect: '2xx',
    },
    {
      name: `${deep}-deep JSON draft`,
      method: 'POST',
      path: '/api/v1/flows',
      body: deepDraftBody(deep),
      expect: '4xx',
    },
    {
      name: 'body over the size limit',
      method: 'POST',
      path: '/api/v1/flows/validate',
      body: json({ definition: 'x'.repeat(LIMITS.maxRequestBodyBytes) }),
      expect: '4xx',
    },
    ...snippetChain,
    {
      name: 'snippet bomb, level 1',
      method: 'PUT',
      path: '/api/v1/snippets/bomb1',
      body: json({ body: '{{> bomb2}}{{> bomb2}}' }),
      expect: '4xx',
    },
    {
      name: '5,000 nested blocks (preview)',
      method: 'POST',
      path: '/api/v1/templates/preview',
      body: preview(nested),
      expect: '4xx',
    },
    {
      name: 'the log helper (preview)',
      method: 'POST',
      path: '/api/v1/templates/preview',
      body: preview('{{log "fuzz drill"}}'),
      expect: '4xx',
    },
  ];
}

export interface WorstCaseResult {
  name: string;
  status: number;
  ms: number;
}

const inClass = (status: number, expected: WorstCase['expect']) =>
  expected === '2xx'
    ? status >= 200 && status < 300
    : expected === '4xx'
      ? status >= 400 && status < 500
      : status < 500;

/** Sends every case in turn; a failure names the case, its status or its timeout. */
export async function sendWorstCases(api: ApiProcess): Promise<{ results: WorstCaseResult[]; failures: string[] }> {
  const contact = await api.call('/api/v1/contacts', {
    method: 'POST',
    body: { firstName: 'Fuzz', email: 'fuzz@example.test' },
  });
  const contactId = (contact.body as { id?: string } | null)?.id ?? '00000000-0000-4000-8000-000000000000';
  const results: WorstCaseResult[] = [];
  const failures: string[] = [];
  for (const worst of worstCases(contactId)) {
    const started = Date.now();
    try {
      const response = await fetch(`${api.baseUrl}${worst.path}`, {
        method: worst.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.apiKey}` },
        body: worst.body,
        signal: AbortSignal.timeout(CASE_SECONDS * 1000),
      });
      const text = await response.text();
      const ms = Date.now() - started;
      results.push({ name: worst.name, status: response.status, ms });
      if (!inClass(response.status, worst.expect)) {
        failures.push(
          `worst case "${worst.name}": expected ${worst.expect}, got ${response.status} ${text.slice(0, 200)}`,
        );
      }
    } catch (error) {
      results.push({ name: worst.name, status: 0, ms: Date.now() - started });
      failures.push(`worst case "${worst.name}": no answer within ${CASE_SECONDS} s (${(error as Error).message})`);
    }
  }
  return { results, failures };
}
