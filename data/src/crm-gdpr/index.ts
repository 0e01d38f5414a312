export { exportContactData } from './gdpr-export';
export { eraseContact, type ErasureResult } from './gdpr-erase';
