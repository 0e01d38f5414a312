import { UserError } from './errors';

/**
 * The sizes a request, a flow and a rendered message may reach. One table, read by the API
 * (which refuses anything larger with a 4xx naming the limit), the activities, the OpenAPI
 * descriptions, SECURITY.md and the tests, so the documented numbers are the enforced ones.
 * Each bounds work an anonymous-looking request could otherwise make the API do: a 30,000-edge
 * flow, a 10,000-deep JSON body, snippets that include each other twice per level.
 */
export const LIMITS = {
  /** Steps (the `nodes` array) in one flow definition. The designer is unusable long before this. */
  maxFlowNodes: 500,
  /** Edges in one flow definition: two per step on average (branches have two outputs, A/B splits up to ten). */
  maxFlowEdges: 1_000,
  /** Default largest JSON request body, in bytes (BODY_LIMIT overrides it); this is also the draft size limit. */
  maxRequestBodyBytes: 1_048_576,
  /**
   * Nesting of objects and arrays in a JSON request body. A flow definition needs about 8 plus 2 per
   * condition group; condition groups are parsed recursively, so this also bounds that recursion.
   */
  maxJsonDepth: 32,
  /** Bytes of one rendered message part (subject, HTML body, SMS, Slack text). Gmail clips mail at 102 KB. */
  maxRenderedTemplateBytes: 262_144,
  /** Snippet inclusions one message part may make in total, counting every `{{> name}}` each time it renders. */
  maxSnippetIncludes: 100,
  /** How deep snippets may include snippets (a template including `a`, which includes `b`, is depth 2). */
  maxSnippetDepth: 8,
  /**
   * How deep `{{#block}}`s and `(sub expressions)` may nest in one template or snippet: Handlebars
   * parses and compiles nesting in quadratic time and recursively (800 levels took 1.5 s).
   */
  maxTemplateNesting: 16,
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * A request over one of LIMITS: a user error (nothing changed) whose message names the limit,
 * its value and what the request reached, e.g. "a flow may have at most 500 nodes (this one has 5000)".
 */
export class LimitExceededError extends UserError {
  constructor(
    readonly limit: LimitName,
    message: string,
    actual?: number,
    status = 413,
  ) {
    super('limit_exceeded', message, { limit, max: LIMITS[limit], ...(actual !== undefined && { actual }) }, status);
  }
}
