// Reports made on the phone (status changes, positions, notes, acknowledgements) kept in IndexedDB until the server
// has them: sent in the order they were made, with their original times and keys, so a resend is applied once.
import { DeviceReportResult } from '@hcm112/shared';
import { type IDBPDatabase, openDB } from 'idb';
import { ApiError } from '../api/http.ts';
import { deviceCall } from './device-api.ts';

export type ReportKind = 'status' | 'position' | 'note' | 'ack';

export interface OutboxItem {
  id?: number;
  kind: ReportKind;
  path: string;
  /** The report as sent: always carries `key` and `at`. */
  body: { key: string; at: string } & Record<string, unknown>;
}

export interface RefusedReport {
  item: OutboxItem;
  message: string;
}

const STORE = 'reports';

let opened: Promise<IDBPDatabase> | undefined;
function db(): Promise<IDBPDatabase> {
  opened ??= openDB('e112-crew', 1, {
    upgrade(database) {
      database.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    },
  });
  return opened;
}

export async function addReport(item: OutboxItem): Promise<void> {
  await (await db()).add(STORE, item);
}

export async function pendingReports(): Promise<OutboxItem[]> {
  return (await db()).getAll(STORE) as Promise<OutboxItem[]>;
}

export async function clearReports(): Promise<void> {
  await (await db()).clear(STORE);
}

export type FlushOutcome = { state: 'sent' | 'offline' | 'credential-refused'; refused: RefusedReport[] };

/**
 * Sends what is waiting, oldest first, and stops at the first one the network does not take (the rest wait behind
 * it, so the server sees them in order). A report the server refuses (illegal transition, impossible position) is
 * taken out and returned with the server's reason for the crew to see.
 */
export async function flushReports(credential: string): Promise<FlushOutcome> {
  const refused: RefusedReport[] = [];
  for (const item of await pendingReports()) {
    try {
      await deviceCall(item.path, DeviceReportResult, { credential, body: item.body });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500)
        return { state: 'offline', refused };
      if (err.status === 401) return { state: 'credential-refused', refused };
      refused.push({ item, message: err.message });
    }
    await (await db()).delete(STORE, item.id!);
  }
  return { state: 'sent', refused };
}
