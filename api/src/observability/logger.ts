import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * One JSON object per line on stdout, so a log shipper (Cloud Logging, Loki) indexes every
 * field without parsing. `level` is written as a label because log backends filter on names.
 */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** For library code and tests that build an app without caring about its logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
