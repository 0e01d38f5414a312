export * from './import-fields';
export * from './column-aliases';
export * from './row-to-contact';
export * from './import';
