import type { DataSource } from 'typeorm';
import { createSmokeActivities } from './smoke-activities';

export interface ActivityDependencies {
  db: DataSource;
}

/** Every activity the workers register, built over shared dependencies. */
export function createActivities({ db }: ActivityDependencies) {
  return {
    ...createSmokeActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
