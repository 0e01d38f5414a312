export * from './roles';
export * from './role-schema';
export * from './principal';
export * from './auth-api';
export * from './sign-in-throttle';
export * from './auth-errors';
