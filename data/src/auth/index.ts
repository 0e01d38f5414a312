export { UserEntity, type User } from './entities/user';
export { MembershipEntity, type Membership } from './entities/membership';
export { SessionEntity, type Session } from './entities/session';
export { InvitationEntity, type Invitation } from './entities/invitation';
export { SignInDeviceEntity, type SignInDevice } from './entities/sign-in-device';
export { UsersAndSessions1764300200000 } from './migration';
export { parseSecretKey, encryptSecret, decryptSecret } from './secret-box';
export { readSecretKey, secretKeyFrom, secretKeyWeakness } from './secret-key-policy';
export {
  hashPassword,
  verifyPassword,
  configurePasswordHashing,
  passwordHashingQueue,
  DEFAULT_PASSWORD_HASHING_LIMITS,
} from './passwords';
export { BoundedWorkQueue, QueueFullError, type BoundedWorkQueueLimits } from './bounded-work-queue';
export { totpCode, totpUri, verifyTotp } from './totp';
export { tokensEqual, hashSessionToken } from './session-tokens';
export {
  resolveSessionToken,
  deleteSessionByToken,
  switchSessionTenant,
  describeSession,
  type ResolvedSession,
  type NewSession,
} from './sessions';
export { signIn, type SignInOptions } from './sign-in';
export { ACCOUNT_CHANGES, recordAccountAudit, recordSignInFailure, type SignInFailureReason } from './sign-in-audit';
export { throttledCodeCheck } from './sign-in-attempts';
export { SIGN_IN_DEVICE_TTL_MS } from './sign-in-devices';
export { changeOwnPassword, type ChangePasswordOptions } from './change-password';
export {
  inviteToTenant,
  listTenantInvitations,
  revokeTenantInvitation,
  listMyInvitations,
  acceptInvitation,
  declineInvitation,
} from './invitations';
export { startTotpEnrollment, confirmTotpEnrollment, disableTotp } from './totp-enrollment';
export {
  listTenantUsers,
  listWorkspaceMembers,
  getTenantUser,
  inviteTenantUser,
  changeTenantUserRole,
  removeTenantUser,
  type Actor,
} from './tenant-users';
export { listTenantApiKeys, issueTenantApiKey, revokeTenantApiKey } from './tenant-api-keys';
export { ensureTenantAdmin } from './first-admin';
