import path from 'node:path';
import { DEV_SECRET_FILES } from './dev-secrets';
import { demoSignInLines } from './demo/demo-launch';

export interface LauncherBannerFacts {
  seconds: string;
  smoke: { workflowId: string; temporalUiUrl: string };
  appUrl: string;
  temporalUiUrl: string;
  dataDir: string;
  /** Paths in the curl example are shown relative to where `npm start` ran. */
  cwd: string;
  withDemo: boolean;
  devTenant: string;
  adminEmail: string;
}

/**
 * What the launcher prints once everything is up. It names the files that hold the development
 * secrets (600 files in the data folder), never their content: terminal output ends up in
 * scrollback, CI logs and screen shares, and the admin password opens every tenant setting.
 */
export function launcherBanner(facts: LauncherBannerFacts): string {
  const file = (name: string) => path.join(facts.dataDir, name);
  const shown = (name: string) => path.relative(facts.cwd, file(name)) || file(name);
  return `
  Cadenza is up (${facts.seconds} s). Self-check: smoke workflow ${facts.smoke.workflowId} completed.

    App           ${facts.appUrl}
    API docs      ${facts.appUrl}/api/docs
    Readiness     ${facts.appUrl}/ready
    Temporal UI   ${facts.temporalUiUrl}
    Smoke run     ${facts.smoke.temporalUiUrl}

  Sign in (development admin): ${facts.adminEmail}, password in ${file(DEV_SECRET_FILES.devAdminPassword)}
    (cat ${shown(DEV_SECRET_FILES.devAdminPassword)}; kept until you delete the data folder)
${facts.withDemo ? `\n  ${demoSignInLines(file(DEV_SECRET_FILES.demoApiKey))}\n` : ''}
  API key of the "${facts.devTenant}" tenant is in ${file(DEV_SECRET_FILES.devApiKey)}:
    curl -H "Authorization: Bearer $(cat ${shown(DEV_SECRET_FILES.devApiKey)})" ${facts.appUrl}/api/v1/smoke-runs/<id>

  Press Ctrl-C to stop.
`;
}
