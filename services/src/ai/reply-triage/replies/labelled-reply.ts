import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReplyIntent } from '@cadenza/core';

export type ReplySplit = 'train' | 'dev' | 'test';

/** One reply of the labelled set, as stored in <split>.jsonl. */
export interface LabelledReply {
  /** `<intent>-<core index>[-<wrapping>]`: replies of one core share the prefix. */
  id: string;
  intent: ReplyIntent;
  text: string;
  subject?: string;
  receivedAt: string;
}

/** Reads one split of the committed reply set. */
export function loadReplySplit(split: ReplySplit): LabelledReply[] {
  return readFileSync(path.join(__dirname, `${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledReply);
}
