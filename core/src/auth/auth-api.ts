import { z } from 'zod';
import { RoleSchema } from './role-schema';

/**
 * Request and response bodies of the auth, user-admin and API-key routes. Views list
 * exactly what may leave the server: no password hash, TOTP secret or API key secret
 * (except the one response that creates a key).
 */

/** Emails are global identities: stored trimmed and lower-cased so one person is one user. */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email().max(254))
  .describe('email address; compared case-insensitively');

/** A password someone chooses: long enough to resist guessing, short enough to hash cheaply. */
export const NewPasswordSchema = z.string().min(12).max(200).describe('12 to 200 characters');

export const TotpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'a TOTP code is 6 digits')
  .describe('6-digit code from the authenticator app');

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  // Any length is accepted at sign-in so an old password never fails on a rule changed later.
  password: z.string().min(1).max(1000).describe('the account password'),
  totp: TotpCodeSchema.optional().describe('required once TOTP is enabled for the account'),
  tenantId: z.uuid().optional().describe('workspace to sign in to; defaults to the oldest membership'),
  acceptInvitationId: z
    .uuid()
    .optional()
    .describe(
      'accept this invitation while signing in, for an account that belongs to no workspace yet (the no_workspace answer lists them)',
    ),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UserViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  totpEnabled: z.boolean().describe('whether sign-in asks for a TOTP code'),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const MembershipViewSchema = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  role: RoleSchema,
});
export type MembershipView = z.infer<typeof MembershipViewSchema>;

export const SessionViewSchema = z.object({
  user: UserViewSchema,
  tenant: z.object({ id: z.string(), name: z.string() }).describe('the workspace the session acts in'),
  role: RoleSchema,
  csrfToken: z.string().describe('send as header X-CSRF-Token on every POST/PUT/PATCH/DELETE'),
  memberships: z.array(MembershipViewSchema).describe('every workspace the user may switch to'),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const SwitchTenantRequestSchema = z.object({
  tenantId: z.uuid().describe('a workspace the user is a member of'),
});

export const TotpEnrollmentSchema = z.object({
  secret: z.string().describe('base32 secret, for typing into an authenticator app by hand'),
  otpauthUrl: z.string().describe('otpauth:// URL to render as a QR code'),
});
export type TotpEnrollment = z.infer<typeof TotpEnrollmentSchema>;

export const TotpCodeRequestSchema = z.object({ code: TotpCodeSchema });

export const TenantUserViewSchema = UserViewSchema.extend({
  role: RoleSchema,
  joinedAt: z.string().describe('ISO-8601 time the user joined this workspace'),
  lockedUntil: z
    .string()
    .nullable()
    .describe(
      'ISO-8601 end of the sign-in delay after repeated failures, if one is active (browsers that signed in before are not held)',
    ),
});
export type TenantUserView = z.infer<typeof TenantUserViewSchema>;

/** A colleague as every member sees them: who owns a contact, who to assign to. No sign-in details. */
export const WorkspaceMemberSchema = z.object({
  id: z.string().describe('user id'),
  name: z.string().describe('display name, or the email when the user has none'),
  role: RoleSchema,
});
export type WorkspaceMember = z.infer<typeof WorkspaceMemberSchema>;

export const InviteUserRequestSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200).optional().describe('display name, used only when the email has no account'),
  role: RoleSchema,
  password: NewPasswordSchema.describe(
    'initial password, 12 to 200 characters, for an email with no account yet; an existing account keeps its own',
  ),
});
export type InviteUserRequest = z.infer<typeof InviteUserRequestSchema>;

/**
 * A pending invitation as the inviting workspace sees it: only what the admin typed, never
 * anything about the account (whether it exists, its name, its other workspaces).
 */
export const InvitationViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  createdAt: z.string().describe('ISO-8601 time of the invitation'),
  expiresAt: z.string().describe('ISO-8601 time after which it can no longer be accepted'),
});
export type InvitationView = z.infer<typeof InvitationViewSchema>;

/** An invitation as the invited person sees it, after signing in. */
export const MyInvitationViewSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type MyInvitationView = z.infer<typeof MyInvitationViewSchema>;

export const ChangePasswordRequestSchema = z.object({
  // Any length is accepted for the current one, as at sign-in.
  currentPassword: z.string().min(1).max(1000).describe('the password in use now'),
  newPassword: NewPasswordSchema.describe('the new password, 12 to 200 characters'),
  totp: TotpCodeSchema.optional().describe('required when two-factor sign-in is on'),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const ChangeRoleRequestSchema = z.object({ role: RoleSchema });

export const ApiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

export const CreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('what the key is for'),
  role: RoleSchema,
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;

export const CreatedApiKeySchema = z.object({
  apiKey: ApiKeyViewSchema,
  secret: z.string().describe('the key itself, shown only in this response; send as Authorization: Bearer'),
});
