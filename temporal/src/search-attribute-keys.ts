import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { RUN_SEARCH_ATTRIBUTES, type RunSearchAttributeName, type RunSearchAttributeKind } from '@cadenza/core';

const TYPE_BY_KIND = {
  KEYWORD: SearchAttributeType.KEYWORD,
  INT: SearchAttributeType.INT,
} as const satisfies Record<RunSearchAttributeKind, SearchAttributeType>;

type KeyFor<N extends RunSearchAttributeName> = (typeof RUN_SEARCH_ATTRIBUTES)[N] extends 'INT'
  ? ReturnType<typeof defineSearchAttributeKey<typeof SearchAttributeType.INT>>
  : ReturnType<typeof defineSearchAttributeKey<typeof SearchAttributeType.KEYWORD>>;

/** Typed Temporal keys for the run search attributes declared in core. */
export const runSearchAttributeKeys = Object.fromEntries(
  Object.entries(RUN_SEARCH_ATTRIBUTES).map(([name, kind]) => [
    name,
    defineSearchAttributeKey(name, TYPE_BY_KIND[kind]),
  ]),
) as { [N in RunSearchAttributeName]: KeyFor<N> };
