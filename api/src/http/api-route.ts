import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { ForbiddenError, UnauthorizedError, can, type Permission, type Principal } from '@cadenza/core';
import { validate } from './validate';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a route needs from the caller: a permission, any signed-in principal, or nothing. */
export type Access = Permission | 'authenticated' | 'public';

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present for every route but public ones. */
  principal: Principal;
  req: Request;
  res: Response;
}

/** A handler's answer; `raw` means it already wrote the response itself (files, redirects). */
export type RouteResult = { status?: number; body?: unknown; headers?: Record<string, string> } | { raw: true };

export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path below the router's mount point, e.g. '/contacts/:id'. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** Mounted in development and test only (PlatformSettings.developmentRoutes): a tool, never a production route. */
  developmentOnly?: boolean;
  /** Documented responses; the 4xx errors that validation and auth add are documented automatically. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler: (context: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<RouteResult>;
}

/** Declares a route with inferred handler types. */
export const defineRoute = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: ApiRoute<P, Q, B>,
): ApiRoute => route as unknown as ApiRoute;

const PRINCIPAL_KEY = 'principal';

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals[PRINCIPAL_KEY] = principal;
}

export function getPrincipal(res: Response): Principal | undefined {
  return res.locals[PRINCIPAL_KEY] as Principal | undefined;
}

/** Checks access before any input is read, so a caller without rights learns nothing else. */
function authorize(access: Access, principal: Principal | undefined): Principal {
  if (access === 'public') return principal as Principal;
  if (!principal) throw new UnauthorizedError();
  if (access !== 'authenticated' && !can(principal.role, access)) {
    throw new ForbiddenError(`the ${principal.role} role may not do this (needs ${access})`);
  }
  return principal;
}

/** Mounts routes on an Express router: authorization, then validated params, query and body. */
export function mountRoutes(routes: ApiRoute[]): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const principal = authorize(route.access, getPrincipal(res));
      const context = {
        params: route.params ? validate(route.params, req.params, 'path') : req.params,
        query: route.query ? validate(route.query, req.query, 'query') : req.query,
        body: route.body ? validate(route.body, req.body ?? {}, 'body') : undefined,
        principal,
        req,
        res,
      };
      const result = await route.handler(context);
      if ('raw' in result) return;
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      res.status(result.status ?? 200);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    });
  }
  return router;
}
