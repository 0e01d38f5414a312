export * from './roles';
export * from './role-schema';
export * from './principal';
export * from './auth-api';
export * from './lockout';
export * from './auth-errors';
