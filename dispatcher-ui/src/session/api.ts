// Session calls: who is logged in, log in, log out.
import { type LoginRequest, User } from '@hcm112/shared';
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
