// What the platform knows about a node kind besides its settings schema, as plain data: the
// designer's palette, the graph checks and the workflow bundle read it without building any
// zod schema. Each kind declares its own in kinds/<kind>/kind.ts.
import { DEFAULT_OUTPUT } from '../node-output';
import type { NodeSettings, NodeType } from '../node-kinds';

export type NodeCategory = 'trigger' | 'action' | 'control';

/** The settings of a kind that hold text (the ones a template may be written in). */
type TextSettingOf<T extends NodeType> = {
  [K in keyof NodeSettings[T]]-?: NonNullable<NodeSettings[T][K]> extends string ? K : never;
}[keyof NodeSettings[T]] &
  string;

/**
 * How contacts get into a flow with a trigger kind: a person (from the CRM), an API call, a
 * webhook, the domain event log (the tenant's trigger dispatcher) or a Temporal Schedule.
 */
export type TriggerSource = 'person' | 'api' | 'webhook' | 'event' | 'schedule';

export type NodeKindInfo<T extends NodeType = NodeType> = NodeKindFacts<T> &
  ({ category: 'trigger'; enrolledBy: TriggerSource } | { category: 'action' | 'control' });

type NodeKindFacts<T extends NodeType> = {
  /** Name the designer shows, also used in validation messages. */
  label: string;
  /** Output handles edges may leave from; a function when they depend on the settings. */
  outputs: readonly string[] | ((settings: NodeSettings[T]) => readonly string[]);
  /** Every output must lead somewhere: a decision with a dead end is a designer mistake. */
  everyOutputConnected?: true;
  /** Pauses the run on a durable timer, so a loop through it cannot spin. */
  pauses?: true;
  /** Contacts arrive by meeting a condition rather than along an edge, so it needs no way in. */
  enteredByCondition?: true;
  /**
   * Settings rendered strictly when the step runs (a variable no contact has fails the send), so
   * save and publish check every variable in them. Empty when the kind renders nothing strictly.
   */
  templates: readonly TextSettingOf<T>[];
  /**
   * Contact fields the settings name outright. Placeholders in text and `contact.` fields in
   * conditions are found by shape; a setting that holds a bare field name is declared here.
   */
  namedFields: (settings: NodeSettings[T]) => readonly string[];
  /** A message to the contact: the run waits for the flow's sending window before it. */
  sends?: true;
  /** Its whole effect is one PostgreSQL transaction, so the run performs it as a local activity. */
  databaseOnly?: true;
  /** The request it makes, checked at save and publish against the egress policy. */
  outboundRequest?: (settings: NodeSettings[T]) => { url: string; headers: Readonly<Record<string, string>> };
};

export const single = [DEFAULT_OUTPUT] as const;

/** For kinds whose settings name no contact field outright. */
export const NO_NAMED_FIELDS = (): readonly string[] => [];
