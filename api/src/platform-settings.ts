import { developmentToolsOn, metricsAccess, type MetricsAccess } from '@cadenza/core';
import type { ApiConfig } from './config';

/** What NODE_ENV and METRICS_TOKEN decide for the app, derived once at boot. */
export interface PlatformSettings {
  /** Routes declared `developmentOnly` (the reply simulator) are mounted; never in production. */
  developmentRoutes: boolean;
  /** Who may read /metrics on the app port. */
  metrics: MetricsAccess;
}

export const platformSettings = (config: Pick<ApiConfig, 'NODE_ENV' | 'METRICS_TOKEN'>): PlatformSettings => ({
  developmentRoutes: developmentToolsOn(config.NODE_ENV),
  metrics: metricsAccess(config.NODE_ENV, config.METRICS_TOKEN),
});

/** Tests and tools that build the app without reading the environment run it as development. */
export const DEVELOPMENT_PLATFORM: PlatformSettings = platformSettings({ NODE_ENV: 'development' });
