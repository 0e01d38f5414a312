import { ApplicationFailure } from '@temporalio/activity';
import { bodyIsJson, escapeJsonStringContent, headerProblem } from '@cadenza/core';
import { type ActionActivityFactory } from './action-tools';

/** A step's request gives up after this; a slow endpoint fails the attempt, which is retried. */
const HTTP_TIMEOUT_MS = 15_000;

/** Calls an outside URL through the egress guard; the idempotency key travels as a header. */
export const httpRequest: ActionActivityFactory<'http_request'> = (tools) => async (input) => {
  const settings = input.node.settings;
  // Saved before the save-time check existed, or edited in the database: refused the same way.
  for (const [name, value] of Object.entries(settings.headers)) {
    const problem = headerProblem(name, value);
    if (problem) throw ApplicationFailure.nonRetryable(problem, 'HeaderInvalid');
  }
  const contact = await tools.deps.crm.loadContactSnapshot(input.tenantId, input.contactId);
  const body = settings.body;
  const request = {
    method: settings.method,
    url: tools.render(settings.url, contact, input),
    headers: { ...settings.headers, 'idempotency-key': input.key },
    body:
      body === undefined
        ? undefined
        : tools.render(body, contact, input, bodyIsJson(settings.headers, body) ? escapeJsonStringContent : undefined),
  };
  return tools.perform(
    input,
    () => request,
    async () => {
      // The egress guard refuses internal targets (a non-retryable EgressRefused) before connecting.
      const response = await tools.deps.egress.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : request.body,
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      const text = (await response.text()).slice(0, 2000);
      // A 4xx will not get better by retrying; 429 and 5xx may.
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw ApplicationFailure.nonRetryable(
          `${request.method} ${request.url} answered ${response.status}: ${text}`,
          'HttpClientError',
        );
      }
      if (response.status >= 400) throw new Error(`${request.method} ${request.url} answered ${response.status}`);
      return { status: response.status, body: text };
    },
  );
};
