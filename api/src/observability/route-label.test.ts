import type { Request } from 'express';
import { routeLabel, watchMatchedRoute } from './route-label';

describe('routeLabel', () => {
  it('joins the router mount point and the route pattern', () => {
    expect(routeLabel('/api/v1', { path: '/smoke-runs/:id' })).toBe('/api/v1/smoke-runs/:id');
    expect(routeLabel('', { path: '/health' })).toBe('/health');
  });

  it('has no label when no route matched', () => {
    expect(routeLabel('', undefined)).toBeUndefined();
  });
});

describe('watchMatchedRoute', () => {
  it('keeps the label captured at match time after Express resets baseUrl', () => {
    const req = { baseUrl: '' } as unknown as Request;
    const label = watchMatchedRoute(req);
    expect(label()).toBe('unmatched');
    req.baseUrl = '/api/v1';
    req.route = { path: '/broken' } as Request['route'];
    req.baseUrl = '';
    expect(label()).toBe('/api/v1/broken');
    expect(req.route).toEqual({ path: '/broken' });
  });
});
