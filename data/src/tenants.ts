import type { DataSource } from 'typeorm';
import { TenantEntity, type Tenant } from './entities/tenant';

export async function createTenant(db: DataSource, name: string): Promise<Tenant> {
  const repository = db.getRepository(TenantEntity);
  return repository.save(repository.create({ name }));
}

/** Finds a tenant by name or makes it; used to seed the launcher's development tenant. */
export async function ensureTenant(db: DataSource, name: string): Promise<Tenant> {
  const existing = await db.getRepository(TenantEntity).findOne({ where: { name }, order: { createdAt: 'ASC' } });
  return existing ?? createTenant(db, name);
}
