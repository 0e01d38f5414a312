// The API as a library, for the processes and harnesses that compose it: main.ts boots it this way.
export { createApp, type AppDependencies } from './app';
export { ApiConfigSchema, loadApiConfig, type ApiConfig, type ApiSettings } from './config';
export { DEFAULT_AUTH_SETTINGS, loadAuthSettings, type AuthSettings } from './auth/auth-settings';
export { createSessionResolver } from './auth/session-resolver';
