import { Writable } from 'node:stream';
import { createLogger, logFields, temporalLogger } from './logger';

describe('logFields', () => {
  it('spells the run id one way and drops the task token', () => {
    expect(logFields({ workflowId: 'w', workflowRunId: 'r', taskToken: 'secret', activityType: 'a' })).toEqual({
      workflowId: 'w',
      runId: 'r',
      activityType: 'a',
    });
    expect(logFields({ workflowId: 'w', runId: 'r' })).toEqual({ workflowId: 'w', runId: 'r' });
    expect(logFields(undefined)).toEqual({});
  });
});

describe('temporalLogger', () => {
  it('writes Temporal activity logs as JSON lines carrying workflow and run ids', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8').trim());
        done();
      },
    });
    const log = temporalLogger(createLogger('worker', 'debug', stream));
    log.warn('Activity failed', { workflowId: 'enroll-1', workflowRunId: 'run-9', activityType: 'sendEmail' });
    log.trace('too chatty');

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      service: 'worker',
      msg: 'Activity failed',
      workflowId: 'enroll-1',
      runId: 'run-9',
      activityType: 'sendEmail',
    });
  });
});
