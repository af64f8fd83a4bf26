import { z } from 'zod';
import { Email, Timestamp } from './common.js';
import { Password, RoleSchema, User } from './users.js';

export const SignIn = z.object({ email: Email, password: z.string().min(1).max(256) }).strict();
export type SignIn = z.input<typeof SignIn>;

/** The signed-in person, plus the token that cookie-authenticated mutations must echo in `X-CSRF-Token`. */
export const Session = z.object({ user: User, csrfToken: z.string() });
export type Session = z.infer<typeof Session>;

export const RequestPasswordReset = z.object({ email: Email }).strict();
export const CompletePasswordReset = z.object({ token: z.string().min(1).max(1000), password: Password }).strict();
export const ChangePassword = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: Password })
  .strict();

export const ResetLink = z.object({ url: z.string(), expiresAt: Timestamp });

export const ApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, to recognise it'),
  role: RoleSchema,
  ownerId: z.uuid(),
  ownerName: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const CreateApiKey = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: RoleSchema.describe('Capped at the creator’s own role'),
  })
  .strict();
export type CreateApiKey = z.input<typeof CreateApiKey>;

export const CreatedApiKey = z.object({
  apiKey: ApiKey,
  token: z.string().describe('Shown once; send as `Authorization: Bearer <token>`'),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) });
