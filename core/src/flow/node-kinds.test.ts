import { z } from 'zod';
import { ACTION_NODE_SCHEMAS, CONTROL_NODE_SCHEMAS, TRIGGER_NODE_SCHEMAS } from './kinds/schemas';
import { NODE_KINDS, NODE_TYPES, NodeSchema, outputsOf, type NodeCategory, type NodeType } from './node-kinds';

/** One valid settings object per kind; a Record so a new kind cannot skip this test. */
const SAMPLE_SETTINGS: Record<NodeType, unknown> = {
  manual: {},
  api_call: {},
  contact_created: { filter: { field: 'contact.country', operator: 'equals', value: 'FR' } },
  contact_updated: {
    filter: { field: 'contact.lifecycleStage', operator: 'equals', value: 'lead' },
    fields: ['lifecycleStage'],
  },
  deal_stage_changed: { toStage: 'won' },
  webhook_received: { endpointKey: 'demo-form' },
  schedule: { cron: '0 9 * * 1', timezone: 'Europe/Paris', filter: { field: 'score', operator: 'gte', value: 50 } },
  send_email: { subject: 'Hello', body: 'Hi {{contact.firstName}}' },
  send_sms: { body: 'See you tomorrow' },
  notify_slack: { channel: '#sales', message: '{{contact.email}} replied' },
  create_task: { title: 'Call back', dueIn: { amount: 1, unit: 'days' } },
  update_field: { field: 'lifecycleStage', value: 'mql' },
  add_tag: { tag: 'warm' },
  remove_tag: { tag: 'cold' },
  http_request: { url: 'https://example.com/hooks/{{contact.id}}', body: '{}' },
  enroll_in_flow: { flowId: 'flow_123' },
  llm_generate: { prompt: 'Write an opener for {{contact.company}}' },
  ai_agent: { instructions: 'Qualify the lead', tools: ['update_field'] },
  score_lead: { method: 'points', points: 10 },
  ai_summarize_timeline: { entries: 10, promptRef: { name: 'rep-summary', version: 2 } },
  ai_extract_fields: {
    source: '{{steps.reply.event.text}}',
    fields: [{ name: 'budget', type: 'number', description: 'Budget in euros' }, { name: 'timeline' }],
  },
  triage_reply: {},
  wait: { mode: 'until_field', field: 'renewalDate', offsetDays: -30, businessDaysOnly: true },
  wait_for_event: { event: { kind: 'reply' }, timeout: { amount: 3, unit: 'days' } },
  branch: { condition: { all: [{ field: 'contact.country', operator: 'in', value: ['FR', 'BE'] }] } },
  ab_split: {
    variants: [
      { handle: 'a', weight: 70 },
      { handle: 'b', weight: 30 },
    ],
  },
  goal: { name: 'Booked', condition: { field: 'contact.meetingBooked', operator: 'equals', value: true } },
  exit: {},
};

describe('node kinds', () => {
  it.each(NODE_TYPES)('%s accepts its sample settings', (type) => {
    const result = NodeSchema.safeParse({ id: 'n1', type, position: { x: 0, y: 0 }, settings: SAMPLE_SETTINGS[type] });
    expect(result.error?.issues).toBeUndefined();
  });

  it('has metadata whose category matches the schema list the kind is in', () => {
    const listed: Array<[NodeCategory, readonly { shape: { type: { value: string } } }[]]> = [
      ['trigger', TRIGGER_NODE_SCHEMAS],
      ['action', ACTION_NODE_SCHEMAS],
      ['control', CONTROL_NODE_SCHEMAS],
    ];
    const fromSchemas = listed.flatMap(([category, schemas]) => schemas.map((s) => [s.shape.type.value, category]));
    const fromMetadata = NODE_TYPES.map((type) => [type, NODE_KINDS[type].category]);
    expect(fromMetadata.sort()).toEqual(fromSchemas.sort());
  });

  it('describes every settings field, for the property panel', () => {
    const undescribed = NodeSchema.options.flatMap((option) =>
      settingsObjects(option.shape.settings).flatMap((settings) =>
        Object.entries(settings.shape)
          .filter(([, field]) => !(field as z.ZodType).description)
          .map(([name]) => `${option.shape.type.value}.${name}`),
      ),
    );
    expect(undescribed).toEqual([]);
  });

  it('derives A/B split outputs from the variants and fixes the others', () => {
    const split = NodeSchema.parse({
      id: 's',
      type: 'ab_split',
      position: { x: 0, y: 0 },
      settings: SAMPLE_SETTINGS.ab_split,
    });
    expect(outputsOf(split)).toEqual(['a', 'b']);
    expect(NODE_KINDS.branch.outputs).toEqual(['yes', 'no']);
    expect(NODE_KINDS.wait_for_event.outputs).toEqual(['next', 'timeout']);
    expect(NODE_KINDS.exit.outputs).toEqual([]);
  });

  it('rejects A/B splits with one variant or repeated handles', () => {
    const parse = (variants: unknown) =>
      NodeSchema.safeParse({ id: 's', type: 'ab_split', position: { x: 0, y: 0 }, settings: { variants } }).success;
    expect(parse([{ handle: 'a', weight: 1 }])).toBe(false);
    expect(
      parse([
        { handle: 'a', weight: 1 },
        { handle: 'a', weight: 2 },
      ]),
    ).toBe(false);
  });
});

/** The object schemas a settings schema is made of: itself, or each option of a union. */
function settingsObjects(schema: z.ZodType): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodDiscriminatedUnion) return schema.options.flatMap((o) => settingsObjects(o as z.ZodType));
  throw new Error(`unexpected settings schema ${schema.def.type}`);
}
