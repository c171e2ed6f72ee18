// Finds what rtpengine's pcap recording method wrote for one call: its metadata file (the pcap's path on the
// first line, each SDP, and "call end time" once rtpengine let go of the call) and the pcap itself.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface CapturedCall {
  metadataPath: string;
  pcapPath: string;
  /** The caller's media port: the first SDP offer's audio port. */
  callerPort: number;
  /** rtpengine wrote the call's end: the pcap is complete. */
  finished: boolean;
}

/** The call's capture, or null when rtpengine wrote none for this SIP Call-ID. */
export async function findCapturedCall(
  recordingDir: string,
  sipCallId: string,
): Promise<CapturedCall | null> {
  const metadataDir = join(recordingDir, 'metadata');
  // rtpengine escapes the Call-ID in file names as a URI component ('@' as %40).
  const prefixes = [`rtpengine-meta-${encodeURIComponent(sipCallId)}-`, `rtpengine-meta-${sipCallId}-`];
  const names = await readdir(metadataDir).catch(() => [] as string[]);
  const name = names.find((n) =>
    prefixes.some((p) => n.startsWith(p) && /^[0-9a-f]+\.txt$/.test(n.slice(p.length))),
  );
  if (!name) return null;
  const metadataPath = join(metadataDir, name);
  const text = await readFile(metadataPath, 'utf8');
  const [pcapPath = ''] = text.split('\n');
  const offer = /SDP mode: offer[\s\S]*?m=audio (\d+)/.exec(text);
  return {
    metadataPath,
    pcapPath: pcapPath.trim(),
    callerPort: Number(offer?.[1] ?? 0),
    finished: /^call end time:/m.test(text),
  };
}

/** Removes the capture once the call's file is stored (the pcap is several times the file's size). */
export async function removeCapturedCall(call: CapturedCall): Promise<void> {
  await rm(call.pcapPath, { force: true });
  await rm(call.metadataPath, { force: true });
}
