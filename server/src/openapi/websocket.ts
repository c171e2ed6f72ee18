// The websockets in the OpenAPI document: their message schemas and, in `x-websocket`, the paths, streams and roles.
import {
  ANALYTICS_HEADERS,
  DEVICE_REVOKED_CLOSE,
  DEVICE_SOCKET_PROTOCOL,
  EVENT_STREAM,
  Stream,
} from '@hcm112/shared';
import { STREAMS_BY_ROLE } from '../realtime/console-socket.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Each stream with the event types published on it (EVENT_STREAM) and the roles that may follow it. */
function streams() {
  return Object.fromEntries(
    Stream.options.map((stream) => [
      stream,
      {
        events: Object.entries(EVENT_STREAM)
          .filter(([, s]) => s === stream)
          .map(([type]) => type),
        roles: Object.entries(STREAMS_BY_ROLE)
          .filter(([, followed]) => followed.includes(stream))
          .map(([role]) => role),
      },
    ]),
  );
}

/** The `x-websocket` extension: what a client connects to and which message schemas cross each socket. */
export function websocketExtension() {
  return {
    '/ws': {
      description:
        'Consoles. Handshake with the session cookie or Authorization: Bearer (401 without, 403 from an Origin ' +
        'that is not allowed). Send `subscribe` with the streams wanted and the last `seq` seen of each; the server ' +
        'replays what was missed, then streams live events. Closed with 4001 when the session ends.',
      clientMessage: ref('ClientMessage'),
      serverMessage: ref('ServerMessage'),
      event: ref('EventEnvelope'),
      streams: streams(),
    },
    '/ws/device': {
      description:
        `Crews' devices. Offer the subprotocols \`${DEVICE_SOCKET_PROTOCOL}\` and the device credential; an unknown ` +
        `credential gets 401. A revoked device is closed with ${DEVICE_REVOKED_CLOSE}.`,
      subprotocol: DEVICE_SOCKET_PROTOCOL,
      serverMessage: ref('DeviceMessage'),
    },
  };
}

export const ANALYTICS_SIGNATURE_DESCRIPTION = [
  `Each post carries three headers: \`${ANALYTICS_HEADERS.source}\` (the source's name),`,
  `\`${ANALYTICS_HEADERS.timestamp}\` (Unix seconds) and \`${ANALYTICS_HEADERS.signature}\`:`,
  "`sha256=` followed by the hex HMAC-SHA256, keyed with the source's secret, of `<timestamp>.<raw body>`.",
  'The timestamp must be within ANALYTICS_REPLAY_SECONDS of the server clock; a signature seen before in that',
  'window is refused with 409. An admin creates the source (POST /alert-sources) and reads its secret once.',
].join(' ');
