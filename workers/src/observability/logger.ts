import pino, { type Logger as PinoLogger } from 'pino';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/worker';

/** One JSON object per line on stdout, like the API's, so both ship through the same pipeline. */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): PinoLogger {
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

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Temporal's log metadata with the ids ops search by under one spelling: activities report
 * `workflowRunId`, workflows `runId`. The task token is dropped: it is an opaque credential.
 */
export function logFields(meta: LogMetadata | undefined): Record<string, unknown> {
  if (!meta) return {};
  const { taskToken: _taskToken, workflowRunId, ...rest } = meta as Record<string, unknown>;
  return workflowRunId !== undefined && rest.runId === undefined ? { ...rest, runId: workflowRunId } : rest;
}

/**
 * Routes the Temporal SDK's logs (the worker's own, workflow `log` through sinks, activity
 * `log`) into pino. The SDK attaches workflowId/runId/activityType to workflow and activity
 * lines, so every line of a run can be found by its ids.
 */
export function temporalLogger(logger: PinoLogger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    logger[PINO_LEVEL[level]](logFields(meta), message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
