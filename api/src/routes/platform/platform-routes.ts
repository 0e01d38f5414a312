import { PlatformFeaturesSchema } from '@cadenza/core';
import { defineRoute, type ApiRoute } from '../../http/api-route';
import type { PlatformSettings } from '../../platform-settings';

/** Tells the web app which optional controls work on this deployment (it hides the others). */
export function platformRoutes(platform: PlatformSettings): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/platform/features',
      tag: 'platform',
      summary: 'Optional features of this deployment, such as the development reply simulator',
      access: 'authenticated',
      responses: { 200: { description: 'the features', schema: PlatformFeaturesSchema } },
      handler: async () => ({ body: { simulateReply: platform.developmentRoutes } }),
    }),
  ];
}
