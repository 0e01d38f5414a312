import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { actOnReply, type ReplyActInput } from './reply-acts';
import { readReply, type ReadReplyInput, type ReplyTriagerSource } from './read-reply';

export type { ReadReplyInput, ReadReplyResult, ReplyTriagerSource } from './read-reply';
export type { ReplyActInput, ReplyActResult } from './reply-acts';

/**
 * The run's reply triage (flow-run-workflow, behind `reply-triage`): read a reply once, then
 * perform the act it leads to once per key. Names recorded in history: they never change.
 */
export function createReplyTriageActivities(deps: {
  db: DataSource;
  temporal: Client;
  replyTriager: ReplyTriagerSource;
}) {
  return {
    readInboundReply: (input: ReadReplyInput) => readReply(deps.db, deps.replyTriager, input),
    actOnInboundReply: (input: ReplyActInput) => actOnReply(deps.db, deps.temporal, input),
  };
}
