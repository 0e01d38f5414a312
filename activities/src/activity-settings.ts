import { loadAiEnv } from './ai/chat-model-switch';
import type { AiEnv } from '@cadenza/core';
import { loadMessagingSettings, type MessagingSettings } from '@cadenza/services/messaging';
import { egressGuardFollowingEnv, type EgressGuard } from '@cadenza/services/net';

/**
 * The parts of the process configuration the activities use. The worker parses them once at
 * boot (workers/src/config.ts) and hands them in; no activity reads these variables itself.
 */
export interface ActivitySettings {
  messaging: MessagingSettings;
  /** Which chat model AI steps use, with its local-model limits and prices. */
  ai: AiEnv;
  /** The one way out: provider calls, SMTP, http_request steps and vendor LLMs all connect through it. */
  egress: EgressGuard;
}

/** The same settings read from an environment alone, for tests and benches that build activities without a worker boot. */
export const activitySettingsFromEnv = (env: Record<string, string | undefined> = process.env): ActivitySettings => ({
  messaging: loadMessagingSettings(env),
  ai: loadAiEnv(env),
  // Follows CADENZA_EGRESS_ALLOW as a test extends it (allowEgressTo); a worker builds its guard once at boot.
  egress: egressGuardFollowingEnv(),
});
