export * from './payload-keys-repository';
