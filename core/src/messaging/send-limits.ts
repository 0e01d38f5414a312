/** How many sends a mailbox may make: per UTC day, and within any 60 seconds. */
export interface SendLimits {
  daily: number;
  perMinute: number;
}

/** HubSpot's defaults, which a new mailbox gets unless it says otherwise. */
export const DEFAULT_SEND_LIMITS: SendLimits = { daily: 1000, perMinute: 10 };
