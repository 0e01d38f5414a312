import {
  CompanyCreateSchema,
  CompanyListQuerySchema,
  CompanySchema,
  CompanyUpdateSchema,
  IdParamsSchema,
  pageOf,
} from '@cadenza/core';
import { createCompany, deleteCompany, getCompany, listCompanies, updateCompany, type DataSource } from '@cadenza/data';
import { defineRoute, type ApiRoute } from '../../http/api-route';

const notFound = { description: 'no such company in this workspace' };

export function companyRoutes({ db }: { db: DataSource }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/companies',
      tag: 'companies',
      summary: 'List companies, newest first',
      access: 'contacts:read',
      query: CompanyListQuerySchema,
      responses: { 200: { description: 'one page', schema: pageOf(CompanySchema) } },
      handler: async ({ query, principal }) => ({ body: await listCompanies(db, principal, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/companies',
      tag: 'companies',
      summary: 'Create a company',
      access: 'contacts:write',
      body: CompanyCreateSchema,
      responses: { 201: { description: 'created', schema: CompanySchema } },
      handler: async ({ body, principal }) => {
        const company = await createCompany(db, principal, body);
        return { status: 201, headers: { location: `/api/v1/companies/${company.id}` }, body: company };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/companies/:id',
      tag: 'companies',
      summary: 'One company',
      access: 'contacts:read',
      params: IdParamsSchema,
      responses: { 200: { description: 'the company', schema: CompanySchema }, 404: notFound },
      handler: async ({ params, principal }) => ({ body: await getCompany(db, principal, params.id) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/companies/:id',
      tag: 'companies',
      summary: 'Change some fields of a company; a rename reaches its contacts at once',
      access: 'contacts:write',
      params: IdParamsSchema,
      body: CompanyUpdateSchema,
      responses: { 200: { description: 'the company after the change', schema: CompanySchema }, 404: notFound },
      handler: async ({ params, body, principal }) => ({ body: await updateCompany(db, principal, params.id, body) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/companies/:id',
      tag: 'companies',
      summary: 'Delete a company; its contacts and deals stay, without it',
      access: 'contacts:write',
      params: IdParamsSchema,
      responses: { 204: { description: 'deleted' }, 404: notFound },
      handler: async ({ params, principal }) => {
        await deleteCompany(db, principal, params.id);
        return { status: 204 };
      },
    }),
  ];
}
