import { TaskCreateSchema, TaskListQuerySchema, TaskSchema, TaskUpdateSchema } from '@cadenza/core';
import { createTask, deleteTask, getTask, listTasks, updateTask, type DataSource } from '@cadenza/data';
import type { ApiRoute } from '../../http/api-route';
import { crudRoutes } from './crud-routes';

export function taskRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return crudRoutes({
    path: '/tasks',
    tag: 'tasks',
    noun: 'task',
    read: 'tasks:read',
    write: 'tasks:write',
    schema: TaskSchema,
    createSchema: TaskCreateSchema,
    updateSchema: TaskUpdateSchema,
    listQuery: TaskListQuerySchema,
    list: (principal, query) => listTasks(db, principal, query),
    get: (principal, id) => getTask(db, principal, id),
    create: (principal, body) => createTask(db, principal, body),
    update: (principal, id, body) => updateTask(db, principal, id, body),
    remove: (principal, id) => deleteTask(db, principal, id),
  });
}
