import path from 'node:path';
import express, { Router } from 'express';

/** Swagger UI from npm `swagger-ui-dist`, served locally (no CDN), reading our OpenAPI document. */
export function apiDocsRouter(openApiUrl: string): Router {
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = Router();
  router.get('/swagger-initializer.js', (_req, res) => {
    res
      .type('application/javascript')
      .send(
        `window.onload = () => { window.ui = SwaggerUIBundle({ url: ${JSON.stringify(openApiUrl)}, dom_id: '#swagger-ui', ` +
          `presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' }); };`,
      );
  });
  router.use(express.static(assets, { index: 'index.html' }));
  return router;
}
