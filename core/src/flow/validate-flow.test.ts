import type { FlowDefinitionInput } from './flow-definition';
import type { FlowErrorCode } from './flow-errors';
import { validateFlowDefinition } from './validate-flow';

const at = { x: 0, y: 0 };

/** A valid outreach sequence: email, wait, branch on reply, then a task or a follow-up. */
function sequence(): FlowDefinitionInput {
  return {
    trigger: { id: 'start', type: 'contact_created', position: at, settings: {} },
    settings: {
      sendingWindow: {
        timezone: 'Europe/Paris',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        start: '09:00',
        end: '17:00',
      },
    },
    nodes: [
      {
        id: 'intro',
        type: 'send_email',
        position: at,
        settings: { subject: 'Hi {{contact.firstName}}', body: 'Loved your work at {{contact.company}}.' },
      },
      {
        id: 'pause',
        type: 'wait',
        position: at,
        settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } },
      },
      {
        id: 'replied',
        type: 'branch',
        position: at,
        settings: { condition: { any: [{ field: 'engagement.emails_replied', operator: 'gt', value: 0 }] } },
      },
      { id: 'call', type: 'create_task', position: at, settings: { title: 'Call {{contact.firstName}}' } },
      { id: 'nudge', type: 'send_email', position: at, settings: { subject: 'Following up', body: 'Any thoughts?' } },
    ],
    edges: [
      { from: 'start', to: 'intro' },
      { from: 'intro', to: 'pause' },
      { from: 'pause', to: 'replied' },
      { from: 'replied', to: 'call', handle: 'yes' },
      { from: 'replied', to: 'nudge', handle: 'no' },
    ],
  };
}

/** The sequence loosely typed, so tests can break it in ways the input type forbids. */
type LooseNode = { id: string; type: string; position: { x: number; y: number }; settings: Record<string, unknown> };
type Definition = {
  trigger: LooseNode;
  settings: Record<string, unknown>;
  nodes: LooseNode[];
  edges: Array<{ from: string; to: string; handle?: string }>;
};
const looseSequence = (): Definition => sequence();

/** Validates a broken copy of the sequence and returns its errors. */
function errorsOf(breakIt: (definition: Definition) => unknown, options?: { knownFields?: string[] }) {
  const definition = looseSequence();
  const broken = breakIt(definition) ?? definition;
  const result = validateFlowDefinition(broken, options);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.errors;
}

function only(errors: ReturnType<typeof errorsOf>, code: FlowErrorCode) {
  expect(errors.map((e) => e.code)).toEqual([code]);
  return errors[0]!;
}

function node(definition: Definition, id: string) {
  const found = definition.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

describe('validateFlowDefinition', () => {
  it('accepts a four-step sequence with a branch and fills in defaults', () => {
    const result = validateFlowDefinition(sequence(), { knownFields: ['firstName', 'company'] });
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.definition.nodes).toHaveLength(5);
    expect(result.definition.settings.reenrollment).toEqual({ policy: 'never' });
    expect(result.definition.settings.unenrollOn.reply).toBe(true);
    const intro = result.definition.nodes[0];
    expect(intro?.type === 'send_email' && intro.settings.trackOpens).toBe(true);
  });

  it('rejects something that is not a definition at all', () => {
    expect(
      only(
        errorsOf(() => 'hello'),
        'malformed_definition',
      ).message,
    ).toMatch(/must be an object/);
    const missingEdges = only(
      errorsOf((d) => ({ ...d, edges: undefined })),
      'malformed_definition',
    );
    expect(missingEdges).toMatchObject({ path: 'edges', message: 'Flow definition: edges is required' });
  });

  it('names the node of a node without a type', () => {
    const error = only(
      errorsOf((d) => void delete (d.nodes[1] as { type?: string }).type),
      'malformed_definition',
    );
    expect(error).toMatchObject({ nodeId: 'pause', path: 'nodes[1].type' });
  });

  it('reports an unknown node kind', () => {
    const error = only(
      errorsOf((d) => void (node(d, 'call').type = 'send_fax')),
      'unknown_node_kind',
    );
    expect(error).toMatchObject({ nodeId: 'call', message: 'Node "call" has the unknown kind "send_fax".' });
  });

  it('maps schema errors to the node and the setting', () => {
    const error = only(
      errorsOf((d) => void (node(d, 'intro').settings.replyTo = 'not-an-email')),
      'invalid_setting',
    );
    expect(error).toMatchObject({ nodeId: 'intro', path: 'settings.replyTo' });
    expect(error.message).toMatch(/^Send email step "intro": replyTo: /);
  });

  it('reports a missing required setting by name', () => {
    const error = only(
      errorsOf((d) => void delete node(d, 'intro').settings.subject),
      'missing_setting',
    );
    expect(error).toEqual({
      code: 'missing_setting',
      nodeId: 'intro',
      path: 'settings.subject',
      message: 'Send email step "intro": subject is required',
    });
  });

  it('reports a missing wait mode rather than a generic union failure', () => {
    const error = only(
      errorsOf((d) => void delete node(d, 'pause').settings.mode),
      'missing_setting',
    );
    expect(error).toMatchObject({ nodeId: 'pause', path: 'settings.mode' });
  });

  it('explains a bad condition inside a branch through the nested groups', () => {
    const error = only(
      errorsOf((d) => {
        node(d, 'replied').settings.condition = {
          any: [{ field: 'engagement.emails_replied', operator: 'gt', value: 'yes' }],
        };
      }),
      'invalid_setting',
    );
    expect(error).toMatchObject({ nodeId: 'replied', path: 'settings.condition.any[0].value' });
    expect(error.message).toMatch(/operator "gt" takes a number/);
  });

  it('reports flow settings errors without a node', () => {
    const error = only(
      errorsOf((d) => void (d.settings.sendingWindow = { timezone: 'Mars/Olympus', start: '09:00', end: '17:00' })),
      'invalid_setting',
    );
    expect(error.nodeId).toBeUndefined();
    expect(error).toMatchObject({ path: 'settings.sendingWindow.timezone' });
    expect(error.message).toMatch(/^Flow settings: sendingWindow\.timezone: must be an IANA timezone/);
  });

  it('reports duplicate node ids', () => {
    const error = only(
      errorsOf((d) => void d.nodes.push({ id: 'call', type: 'add_tag', position: at, settings: { tag: 'hot' } })),
      'duplicate_node_id',
    );
    expect(error).toMatchObject({
      nodeId: 'call',
      message: 'Two nodes share the id "call"; each node needs its own id.',
    });
  });

  it('requires the trigger to be a trigger kind and steps not to be', () => {
    const wrongStart = errorsOf(
      (d) => void (d.trigger = { id: 'start', type: 'add_tag', position: at, settings: { tag: 'x' } }),
    );
    expect(wrongStart.map((e) => e.code)).toEqual(['trigger_expected']);
    const extraTrigger = errorsOf(
      (d) => void (d.nodes[3] = { id: 'call', type: 'manual', position: at, settings: {} }),
    );
    expect(extraTrigger.map((e) => e.code)).toEqual(['unexpected_trigger']);
  });

  it('reports dangling edges on the node that exists', () => {
    const to = only(
      errorsOf((d) => void d.edges.push({ from: 'call', to: 'ghost' })),
      'dangling_edge',
    );
    expect(to).toMatchObject({ nodeId: 'call', edge: { from: 'call', to: 'ghost' } });
    expect(to.message).toBe('Create task step "call" has an edge to "ghost", which does not exist.');
    const from = errorsOf((d) => void d.edges.push({ from: 'ghost', to: 'intro' }));
    expect(from).toEqual([expect.objectContaining({ code: 'dangling_edge', nodeId: 'intro' })]);
  });

  it('rejects an edge back into the trigger', () => {
    only(
      errorsOf((d) => void d.edges.push({ from: 'nudge', to: 'start' })),
      'edge_into_trigger',
    );
  });

  it('rejects a handle the source kind does not have', () => {
    const error = only(
      errorsOf((d) => void d.edges.push({ from: 'replied', to: 'intro', handle: 'maybe' })),
      'unknown_handle',
    );
    expect(error).toMatchObject({ nodeId: 'replied', edge: { handle: 'maybe' } });
    expect(error.message).toBe('Branch step "replied" has no output "maybe"; its outputs are "yes", "no".');
    const afterExit = errorsOf((d) => {
      d.nodes.push({ id: 'bye', type: 'exit', position: at, settings: {} });
      d.edges.push({ from: 'call', to: 'bye' }, { from: 'bye', to: 'intro' });
    });
    expect(afterExit).toEqual([expect.objectContaining({ code: 'unknown_handle', nodeId: 'bye' })]);
  });

  it('rejects a handle on a single-output action and an edge without handle from a branch', () => {
    const onAction = errorsOf((d) => void (d.edges[1] = { from: 'intro', to: 'pause', handle: 'yes' }));
    expect(onAction).toEqual([expect.objectContaining({ code: 'unknown_handle', nodeId: 'intro' })]);
    const noHandle = errorsOf((d) => {
      d.edges.push({ from: 'nudge', to: 'fallback' });
      d.nodes.push({ id: 'fallback', type: 'exit', position: at, settings: {} });
      d.edges[4] = { from: 'replied', to: 'nudge' };
    });
    expect(noHandle.map((e) => e.code)).toEqual(['unknown_handle', 'unconnected_output']);
  });

  it('knows A/B split outputs from its variants', () => {
    const split = (d: Definition) => {
      d.nodes.push({
        id: 'split',
        type: 'ab_split',
        position: at,
        settings: {
          variants: [
            { handle: 'a', weight: 1 },
            { handle: 'b', weight: 1 },
          ],
        },
      });
      d.edges[2] = { from: 'pause', to: 'split' };
      d.edges.push({ from: 'split', to: 'replied', handle: 'a' });
    };
    const missingB = only(errorsOf(split), 'unconnected_output');
    expect(missingB.message).toBe(
      'A/B split step "split" output "b" is not connected; connect it to a step or an Exit.',
    );
    const result = validateFlowDefinition(
      (() => {
        const d = looseSequence();
        split(d);
        d.edges.push({ from: 'split', to: 'call', handle: 'b' });
        return d;
      })(),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects two edges leaving the same output', () => {
    const error = only(
      errorsOf((d) => void d.edges.push({ from: 'replied', to: 'intro', handle: 'yes' })),
      'duplicate_output',
    );
    expect(error).toMatchObject({ nodeId: 'replied', edge: { from: 'replied', to: 'intro', handle: 'yes' } });
  });

  it('reports unreachable nodes', () => {
    const error = only(
      errorsOf((d) => void d.nodes.push({ id: 'orphan', type: 'add_tag', position: at, settings: { tag: 'cold' } })),
      'unreachable_node',
    );
    expect(error.message).toBe('Add tag step "orphan" cannot be reached from the trigger; connect it or delete it.');
  });

  it('does not need an edge into a goal, which contacts reach by condition', () => {
    const definition = looseSequence();
    definition.nodes.push(
      {
        id: 'booked',
        type: 'goal',
        position: at,
        settings: {
          name: 'Meeting booked',
          condition: { field: 'contact.meetingBooked', operator: 'equals', value: true },
        },
      },
      { id: 'done', type: 'exit', position: at, settings: {} },
    );
    definition.edges.push({ from: 'booked', to: 'done' });
    expect(validateFlowDefinition(definition).ok).toBe(true);
  });

  it('reports a branch output with no edge', () => {
    const error = only(
      errorsOf((d) => {
        d.edges.splice(4, 1);
        d.nodes.splice(4, 1);
      }),
      'unconnected_output',
    );
    expect(error).toMatchObject({ nodeId: 'replied' });
    expect(error.message).toMatch(/output "no" is not connected/);
  });

  it('rejects a loop with no wait in it', () => {
    const error = only(
      errorsOf((d) => void d.edges.push({ from: 'nudge', to: 'replied' })),
      'cycle_without_wait',
    );
    expect(error).toMatchObject({ nodeId: 'replied' });
    expect(error.message).toMatch(/^Steps "replied", "nudge" form a loop with no wait/);
    only(
      errorsOf((d) => void d.edges.push({ from: 'call', to: 'call' })),
      'cycle_without_wait',
    );
  });

  it('accepts a loop that goes through a wait', () => {
    const definition = looseSequence();
    definition.edges.push({ from: 'nudge', to: 'pause' });
    expect(validateFlowDefinition(definition).ok).toBe(true);
  });

  it('reports placeholders and conditions naming unknown contact fields, only when fields are given', () => {
    const misspell = (d: Definition) => {
      node(d, 'intro').settings.subject = 'Hi {{ contact.frstName }}';
      node(d, 'replied').settings.condition = { all: [{ field: 'contact.tier', operator: 'is_set' }] };
    };
    const errors = errorsOf(misspell, { knownFields: ['firstName', 'company'] });
    expect(errors).toEqual([
      {
        code: 'unknown_field',
        nodeId: 'intro',
        message: 'Send email step "intro" uses {{ contact.frstName }}, but contacts have no field "frstName".',
      },
      {
        code: 'unknown_field',
        nodeId: 'replied',
        message: 'Branch step "replied" refers to the contact field "tier", which does not exist.',
      },
    ]);
    const withoutFields = looseSequence();
    misspell(withoutFields);
    expect(validateFlowDefinition(withoutFields).ok).toBe(true);
  });

  it('treats a known object field as covering its sub-fields', () => {
    const definition = looseSequence();
    node(definition, 'call').settings.title = 'Call about {{contact.custom.industry}}';
    expect(validateFlowDefinition(definition, { knownFields: ['firstName', 'company', 'custom'] }).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf((d) => {
      delete node(d, 'intro').settings.body;
      d.edges.push({ from: 'call', to: 'nowhere' });
      d.nodes.push({ id: 'orphan', type: 'exit', position: at, settings: {} });
    });
    expect(errors.map((e) => [e.code, e.nodeId])).toEqual([
      ['missing_setting', 'intro'],
      ['dangling_edge', 'call'],
      ['unreachable_node', 'orphan'],
    ]);
  });
});
