// Every realtime event that crosses the websocket, as one discriminated union, and the socket protocol.
import { z } from 'zod';
import { Call, CallTakerStatus } from './call.ts';
import { CallVideoState } from './caller-link.ts';
import { Camera, SurfacedCamera } from './camera.ts';
import { CameraAlert } from './camera-alert.ts';
import { Incident } from './incident.ts';
import { TextMessage, TextSession } from './text-session.ts';
import { Unit, UnitPosition } from './unit.ts';

/** Streams clients subscribe to; each has its own sequence. */
export const Stream = z.enum(['calls', 'incidents', 'units', 'cameras', 'alerts']);
export type Stream = z.infer<typeof Stream>;

export const RealtimeEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call.updated'), call: Call }),
  z.object({ type: z.literal('calltaker.updated'), callTaker: CallTakerStatus }),
  /** The caller's phone started (after their consent) or stopped sending video through the location link. */
  z.object({ type: z.literal('call.video'), video: CallVideoState }),
  z.object({ type: z.literal('incident.created'), incident: Incident }),
  z.object({ type: z.literal('incident.updated'), incident: Incident }),
  z.object({
    type: z.literal('incident.cameras'),
    incidentId: z.uuid(),
    cameras: z.array(SurfacedCamera),
    /** When the list was computed; a console keeps the newest list it has seen. */
    computedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({ type: z.literal('unit.updated'), unit: Unit }),
  z.object({ type: z.literal('unit.position'), unitId: z.uuid(), position: UnitPosition }),
  z.object({ type: z.literal('camera.updated'), camera: Camera }),
  z.object({ type: z.literal('camera.deleted'), cameraId: z.uuid() }),
  /** A bulk import changed many cameras at once: consoles refetch GET /cameras instead of one event each. */
  z.object({ type: z.literal('cameras.imported'), created: z.number().int(), updated: z.number().int() }),
  z.object({ type: z.literal('alert.updated'), alert: CameraAlert }),
  /** A text-to-112 session was started, taken, linked to an incident or closed. */
  z.object({ type: z.literal('text.session'), session: TextSession }),
  z.object({ type: z.literal('text.message'), message: TextMessage }),
]);
export type RealtimeEvent = z.infer<typeof RealtimeEvent>;
export type RealtimeEventType = RealtimeEvent['type'];

/** Which stream each event type is published on. */
export const EVENT_STREAM: Readonly<Record<RealtimeEventType, Stream>> = Object.freeze({
  'call.updated': 'calls',
  'calltaker.updated': 'calls',
  'call.video': 'calls',
  'incident.created': 'incidents',
  'incident.updated': 'incidents',
  'incident.cameras': 'cameras',
  'unit.updated': 'units',
  'unit.position': 'units',
  'camera.updated': 'cameras',
  'camera.deleted': 'cameras',
  'cameras.imported': 'cameras',
  'alert.updated': 'alerts',
  'text.session': 'calls',
  'text.message': 'calls',
});

export const EventEnvelope = z.object({
  stream: Stream,
  /** Strictly increasing per stream, across all server instances. */
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  event: RealtimeEvent,
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** Messages a console sends over its socket. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    streams: z.array(Stream).min(1),
    /** Last sequence seen per stream; events after it are replayed before live ones. */
    since: z.partialRecord(Stream, z.number().int().nonnegative()).optional(),
  }),
  z.object({ type: z.literal('ping'), id: z.number().int().optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Messages the server sends over a console's socket. */
export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribed'),
    streams: z.array(Stream),
    /** Current head sequence of each subscribed stream after the replay. */
    heads: z.partialRecord(Stream, z.number().int().nonnegative()),
  }),
  /** The replay could not cover the gap (too old): the client must refetch that stream's state. */
  z.object({ type: z.literal('resync-required'), stream: Stream, head: z.number().int().nonnegative() }),
  z.object({ type: z.literal('event'), envelope: EventEnvelope }),
  z.object({ type: z.literal('pong'), id: z.number().int().optional() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
