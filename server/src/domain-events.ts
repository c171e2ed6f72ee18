// In-process domain events: lets one feature react to another's committed changes without importing it.
// Emitted only after the transaction commits, by the instance that made the change (so exactly once).
import { EventEmitter } from 'node:events';
import type { Camera, GeoPoint, Incident } from '@hcm112/shared';
import type { Actor } from './audit/repository.ts';

export interface DomainEventMap {
  /** An incident was created or changed; `previous` is absent on creation. */
  'incident.changed': { incident: Incident; previous?: Incident; actor: Actor };
  /**
   * Cameras were added, moved, re-aimed, re-streamed or removed (`registry`), or found on/offline (`health`);
   * `points` are their old and new places.
   */
  'cameras.changed': { cameraIds: string[]; points: GeoPoint[]; reason: 'registry' | 'health' };
  /** A camera alert was opened (not folded into an open one): its picture is to be taken now. */
  'alert.raised': { alertId: string; camera: Camera };
}

type Listener<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void> | void;

export class DomainEvents {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (err: unknown, event: string) => void) {}

  on<K extends keyof DomainEventMap>(event: K, listener: Listener<K>): void {
    this.emitter.on(event, (payload: DomainEventMap[K]) => {
      Promise.resolve()
        .then(() => listener(payload))
        .catch((err: unknown) => this.onListenerError(err, event));
    });
  }

  emit<K extends keyof DomainEventMap>(event: K, payload: DomainEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
