import { DataSource, type EntityManager } from 'typeorm';

/** A data source, or the manager of a transaction already open. */
export type Db = DataSource | EntityManager;

/** Reads go through the plain manager. */
export const managerOf = (db: Db): EntityManager => (db instanceof DataSource ? db.manager : db);
