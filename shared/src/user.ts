// People who log in, and the roles that decide what they may do.
import { z } from 'zod';

export const Role = z.enum(['call-taker', 'dispatcher', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.uuid(),
  username: z.string().min(2).max(64),
  displayName: z.string().min(1).max(120),
  role: Role,
  /** SIP extension of the call-taker's phone, e.g. "1001"; null for roles without a phone. */
  sipExtension: z
    .string()
    .regex(/^[0-9]{3,8}$/)
    .nullable(),
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const CreateUserRequest = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,64}$/),
  displayName: z.string().min(1).max(120),
  role: Role,
  password: z.string().min(10).max(256),
  sipExtension: z
    .string()
    .regex(/^[0-9]{3,8}$/)
    .nullable()
    .default(null),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** A user changing their own password: the current one proves it is them at the keyboard. */
export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(10).max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** An admin setting a new password for someone (forgotten, or suspected known to others). */
export const ResetPasswordRequest = z.object({ password: z.string().min(10).max(256) });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

/** An admin turning an account off (its sessions end at once) or back on. */
export const SetUserActiveRequest = z.object({ active: z.boolean() });
export type SetUserActiveRequest = z.infer<typeof SetUserActiveRequest>;
