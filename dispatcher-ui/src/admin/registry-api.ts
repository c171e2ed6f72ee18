// The administrator's registry calls: creating users, the camera registry (list, edit, import a file) and the
// analytics sources (create, rotate the secret, switch off).
import {
  AlertSource,
  AlertSourceWithSecret,
  Camera,
  CameraImportResult,
  type CreateUserRequest,
  type UpdateCameraRequest,
  User,
} from '@hcm112/shared';
import { z } from 'zod';
import { get, patch, post, postText } from '../api/http.ts';

export async function createUser(input: CreateUserRequest): Promise<User> {
  return (await post('/users', input, z.object({ user: User }))).user;
}

export async function fetchCameras(): Promise<Camera[]> {
  return (await get('/cameras', z.object({ cameras: z.array(Camera) }))).cameras;
}

export async function updateCamera(id: string, change: UpdateCameraRequest): Promise<Camera> {
  return (await patch(`/cameras/${id}`, change, z.object({ camera: Camera }))).camera;
}

/** A .csv file goes as text/csv, anything else (.geojson, .json) as GeoJSON. */
export function importCameras(fileName: string, text: string): Promise<CameraImportResult> {
  const type = /\.csv$/i.test(fileName) ? 'text/csv' : 'application/geo+json';
  return postText('/cameras/import', type, text, CameraImportResult);
}

export async function fetchSources(): Promise<AlertSource[]> {
  return (await get('/alert-sources', z.object({ sources: z.array(AlertSource) }))).sources;
}

export function createSource(name: string): Promise<AlertSourceWithSecret> {
  return post('/alert-sources', { name }, AlertSourceWithSecret);
}

export function rotateSourceSecret(id: string): Promise<AlertSourceWithSecret> {
  return patch(`/alert-sources/${id}`, { rotateSecret: true }, AlertSourceWithSecret);
}

export async function setSourceActive(id: string, active: boolean): Promise<AlertSource> {
  return (await patch(`/alert-sources/${id}`, { active }, z.object({ source: AlertSource }))).source;
}
