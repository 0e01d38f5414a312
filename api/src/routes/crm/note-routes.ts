import { NoteCreateSchema, NoteListQuerySchema, NoteSchema } from '@cadenza/core';
import { createNote, deleteNote, getNote, listNotes, type DataSource } from '@cadenza/data';
import type { ApiRoute } from '../../http/api-route';
import { crudRoutes } from './crud-routes';

/** Notes are written once; there is no PATCH, so the timeline never disagrees with a note. */
export function noteRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return crudRoutes({
    path: '/notes',
    tag: 'notes',
    noun: 'note',
    read: 'contacts:read',
    write: 'contacts:write',
    schema: NoteSchema,
    createSchema: NoteCreateSchema,
    listQuery: NoteListQuerySchema,
    list: (principal, query) => listNotes(db, principal, query),
    get: (principal, id) => getNote(db, principal, id),
    create: (principal, body) => createNote(db, principal, body),
    remove: (principal, id) => deleteNote(db, principal, id),
  });
}
