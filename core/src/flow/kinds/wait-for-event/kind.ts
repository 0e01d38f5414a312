import { DEFAULT_OUTPUT } from '../../node-output';
import { NO_NAMED_FIELDS, type NodeKindInfo } from '../kind-info';

// `next` is taken when the event arrives, `timeout` when it does not in time; an
// unconnected timeout simply ends the run, which is a legitimate design.
export const waitForEventKind: NodeKindInfo<'wait_for_event'> = {
  category: 'control',
  label: 'Wait for event',
  outputs: [DEFAULT_OUTPUT, 'timeout'],
  pauses: true,
  templates: [],
  namedFields: NO_NAMED_FIELDS,
};
