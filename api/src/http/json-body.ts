import express, { type RequestHandler } from 'express';
import { LIMITS, LimitExceededError, jsonNestingDepth } from '@cadenza/core';

/**
 * Refuses a JSON body nested deeper than LIMITS.maxJsonDepth, measured on the raw bytes
 * before JSON.parse: everything after the parser (zod's recursive schemas, JSON.stringify
 * when storing or answering) recurses per level, and a 10,000-deep draft overflowed the stack.
 */
export function refuseDeepJson(bytes: Uint8Array): void {
  const depth = jsonNestingDepth(bytes);
  if (depth > LIMITS.maxJsonDepth) {
    throw new LimitExceededError(
      'maxJsonDepth',
      `a JSON body may nest objects and arrays at most ${LIMITS.maxJsonDepth} deep (this one nests ${depth} deep)`,
      depth,
    );
  }
}

/** express.json with the size limit (BODY_LIMIT) and the nesting depth check. */
export function jsonBody(limit: string | number): RequestHandler {
  return express.json({ limit, verify: (_req, _res, bytes) => refuseDeepJson(bytes) });
}
