// An RTSP relay for the test cameras: ffmpeg publishes to one port (ANNOUNCE/RECORD), restreamers play from
// the other. ffmpeg cannot serve RTSP to players by itself, so this small JavaScript server stands between.
import { RtspServer } from 'rtsp-streaming-server';

export interface RelayPorts {
  /** Players (our restreamer, ffplay) connect here. */
  clientPort: number;
  /** ffmpeg publishes here with `-f rtsp`. */
  publishPort: number;
  /** UDP ports for RTP/RTCP, two per stream and per player. */
  rtpPortStart: number;
  rtpPortCount: number;
}

interface Listening {
  listen(port: number, ...rest: unknown[]): unknown;
}

/** The library listens on every interface; the test cameras belong on loopback only. */
function onLoopback(server: Listening): void {
  const listen = server.listen.bind(server);
  server.listen = (port: number, ...rest: unknown[]) => listen(port, '127.0.0.1', ...rest);
}

export async function startRtspRelay(ports: RelayPorts): Promise<void> {
  const relay = new RtspServer({
    serverPort: ports.publishPort,
    clientPort: ports.clientPort,
    rtpPortStart: ports.rtpPortStart,
    rtpPortCount: ports.rtpPortCount,
  });
  onLoopback(relay.PublishServer.server as unknown as Listening);
  onLoopback(relay.ClientServer.server as unknown as Listening);
  await relay.start();
}
