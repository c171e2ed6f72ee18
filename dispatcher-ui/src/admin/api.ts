// User administration calls: the list, deactivate/reactivate, reset a password, end every session.
import { User } from '@hcm112/shared';
import { z } from 'zod';
import { get, put, send } from '../api/http.ts';

export async function fetchUsers(): Promise<User[]> {
  return (await get('/users', z.object({ users: z.array(User) }))).users;
}

export async function setUserActive(id: string, active: boolean): Promise<User> {
  return (await put(`/users/${id}/active`, { active }, z.object({ user: User }))).user;
}

export async function resetPassword(id: string, password: string): Promise<void> {
  await send('PUT', `/users/${id}/password`, { password });
}

export async function endSessions(id: string): Promise<void> {
  await send('DELETE', `/users/${id}/sessions`);
}
