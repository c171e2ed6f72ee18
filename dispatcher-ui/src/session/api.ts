// Session calls: who is logged in, log in, log out, change one's own password.
import { type ChangePasswordRequest, type LoginRequest, User } from '@hcm112/shared';
import { z } from 'zod';
import { get, post, send } from '../api/http.ts';

const UserBody = z.object({ user: User });

export async function fetchCurrentUser(): Promise<User> {
  return (await get('/auth/me', UserBody)).user;
}

export async function logIn(credentials: LoginRequest): Promise<User> {
  return (await post('/auth/login', credentials, UserBody)).user;
}

export async function logOut(): Promise<void> {
  await send('POST', '/auth/logout', {});
}

/** Changes the signed-in user's password; the server ends their other sessions and keeps this one. */
export async function changeOwnPassword(request: ChangePasswordRequest): Promise<void> {
  await send('POST', '/auth/password', request);
}
