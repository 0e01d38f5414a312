import type { ClientInterceptors } from '@temporalio/client';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { Tracing } from './tracing';

/**
 * Client side: each workflow start / signal gets a span whose context travels to the
 * workflow in its headers, so the run joins the caller's trace (the API request).
 */
export function clientTracingInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

type WorkflowSpanProcessor = Parameters<typeof makeWorkflowExporter>[0];
type WorkflowSpanResource = Parameters<typeof makeWorkflowExporter>[1];

/**
 * Worker side: the workflow interceptors (inside the sandbox, exporting through a sink),
 * the activity interceptors that continue the trace from the activity headers, and the
 * client interceptor for workflows the activities start themselves.
 */
export function workerTracing(tracing: Tracing): {
  interceptors: Pick<WorkerInterceptors, 'workflowModules' | 'activity'>;
  sinks: InjectedSinks<Record<string, never>>;
} {
  return {
    interceptors: {
      workflowModules: [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: {
      // The interceptor package pins OTel SDK 1.x types; the 2.x processor and resource
      // satisfy what the sink calls at runtime (onEnd, and the resource carried on spans).
      exporter: makeWorkflowExporter(
        tracing.spanProcessor as unknown as WorkflowSpanProcessor,
        tracing.resource as unknown as WorkflowSpanResource,
      ),
    } as unknown as InjectedSinks<Record<string, never>>,
  };
}
