import { ForbiddenError, UserError } from '../errors';
import type { Permission } from '../auth/roles';
import type { DomainEvent } from './domain-event';

/** Room kinds a client may join; every one of them is scoped to the principal's tenant. */
export const ROOM_KINDS = ['tenant', 'contact', 'flow', 'run'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** What a principal's role must allow to join each kind of room (tenant rooms: any member). */
export const ROOM_PERMISSIONS: Record<RoomKind, Permission | null> = {
  tenant: null,
  contact: 'contacts:read',
  flow: 'flows:read',
  run: 'runs:read',
};

export interface RoomRef {
  kind: RoomKind;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The Socket.IO room a server joins a socket to. Always built here from the principal's
 * tenant and a validated id, never taken from the client, so no name a client can send
 * reaches another tenant's room.
 */
export function internalRoomName(tenantId: string, room: RoomRef): string {
  return room.kind === 'tenant' ? `t:${tenantId}` : `t:${tenantId}:${room.kind}:${room.id}`;
}

/**
 * Reads a client's room name (`tenant:<id>`, `contact:<id>`, `flow:<id>`, `run:<id>`) for
 * the principal's tenant. A tenant room must be the principal's own tenant; anything else
 * (unknown kind, malformed id, extra segments) is refused.
 */
export function parseRoomName(name: string, principalTenantId: string): RoomRef {
  const match = /^([a-z]+):(.+)$/.exec(name);
  const kind = match?.[1] as RoomKind | undefined;
  const id = match?.[2] ?? '';
  if (!kind || !(ROOM_KINDS as readonly string[]).includes(kind)) {
    throw new UserError('invalid_room', `room "${name}" is not one of tenant:<id>, contact:<id>, flow:<id>, run:<id>`, {
      field: 'room',
    });
  }
  if (kind === 'tenant') {
    if (!UUID.test(id))
      throw new UserError('invalid_room', `room "${name}" has a malformed tenant id`, { field: 'room' });
    if (id.toLowerCase() !== principalTenantId.toLowerCase()) {
      throw new ForbiddenError(`room "${name}" belongs to another tenant`);
    }
    return { kind, id: principalTenantId };
  }
  if (!ENTITY_ID.test(id)) {
    throw new UserError('invalid_room', `room "${name}" has a malformed id (letters, digits, - and _ only)`, {
      field: 'room',
    });
  }
  return { kind, id };
}

const stringField = (payload: Record<string, unknown>, key: string): string | null => {
  const value = payload[key];
  return typeof value === 'string' && ENTITY_ID.test(value) ? value : null;
};

/**
 * The rooms an event goes to: its tenant's room, the room of the record it is about, and
 * the flow/run/contact it names in its payload (a step belongs to a run, a run to a flow
 * and a contact), so a run view sees its steps and a contact view sees its runs.
 */
export function roomsForEvent(event: Pick<DomainEvent, 'tenantId' | 'subject' | 'subjectId' | 'payload'>): string[] {
  const rooms = new Set([internalRoomName(event.tenantId, { kind: 'tenant', id: event.tenantId })]);
  const add = (kind: RoomKind, id: string | null) => {
    if (id) rooms.add(internalRoomName(event.tenantId, { kind, id }));
  };
  if (event.subject === 'contact' || event.subject === 'flow' || event.subject === 'run') {
    add(event.subject, event.subjectId);
  }
  const payload = event.payload ?? {};
  add('contact', stringField(payload, 'contactId'));
  add('flow', stringField(payload, 'flowId'));
  add('run', stringField(payload, 'runId'));
  return [...rooms];
}
