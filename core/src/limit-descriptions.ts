import { LIMITS } from './limits';

/**
 * The limits in words, for OpenAPI response descriptions, so the documentation quotes the
 * numbers the API enforces.
 */
export const LIMIT_DESCRIPTIONS = {
  flow:
    `limit_exceeded: more than ${LIMITS.maxFlowNodes} nodes or ${LIMITS.maxFlowEdges} edges, ` +
    `or JSON nested more than ${LIMITS.maxJsonDepth} deep (body_too_large: over BODY_LIMIT, ${LIMITS.maxRequestBodyBytes} bytes by default)`,
  render:
    `limit_exceeded: the render would include snippets more than ${LIMITS.maxSnippetIncludes} times or ` +
    `${LIMITS.maxSnippetDepth} deep, nest blocks more than ${LIMITS.maxTemplateNesting} deep, ` +
    `or produce more than ${LIMITS.maxRenderedTemplateBytes} bytes`,
  snippet:
    `also when it, or a snippet including it, would include snippets more than ${LIMITS.maxSnippetIncludes} times ` +
    `or ${LIMITS.maxSnippetDepth} deep, or nests blocks more than ${LIMITS.maxTemplateNesting} deep`,
} as const;
