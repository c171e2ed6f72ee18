// Test helpers of the telephony, one home for every workspace's tests (server call tests, whole-system tests,
// benchmarks and the soak), imported as `@hcm112/telephony/testing`; each line says why the helper exists.

/** One free port for anything a test starts, so parallel files never collide. */
export { freeMediaPort, freePort } from './free-port.ts';
/** One bounded poll for a state of a real system, failing with what never happened. */
export { waitFor } from './wait-for.ts';
/** A Redis of a test's own, for a password, a memory limit or running out of memory on purpose. */
export { type PrivateRedis, startPrivateRedis } from './private-redis.ts';
/** A private Kamailio per test file, started by the project's own script. */
export { type Kamailio, startKamailio, TEST_WS_ORIGIN } from './kamailio.ts';
/** Phones authenticate like the console's softphone: short-lived credentials signed with Kamailio's secret. */
export { type DigestCredentials, dialGrant, ephemeralCredentials, newSipSecret } from './sip-credentials.ts';
/** A private media relay (started with every test Kamailio), which a test can stop to see calls survive it. */
export { type Rtpengine, startRtpengine } from './rtpengine.ts';
/** Known tones and a frequency check, to prove by ear (Goertzel) whose audio crossed the relay. */
export { decodePcmu, readChannels, toneCoverage, tonePower, toneRatio, writeTone } from './tone.ts';
/** A call where both sides speak a known tone (SIPp phone and caller), its RTP captured if asked. */
export { type ToneCall, type ToneCallOptions, toneCall, toneDir } from './tone-call.ts';
/** RTP as it crossed loopback (tcpdump), with kernel timestamps: what each side received, and when. */
export { captureRtp, parsePcap, type RtpCapture, type RtpPacket } from './rtp-capture.ts';
/** baresip as a real desk phone: registers, answers on its own, speaks a tone, refuses what phones refuse. */
export { type Baresip, startBaresip } from './baresip.ts';
/** Call control as a process a test can stop or kill, and which instance leads. */
export { type CallControlProcess, controllerInstance, startCallControl } from './call-control.ts';
/** A controller that routes nothing, for the bare-Kamailio baseline of the telephony benchmark. */
export { startTrivialController, type TrivialController } from './trivial-controller.ts';
/** SIPp as citizens who dial and as call-takers' phones that register and answer. */
export {
  CALLER_ARGS,
  dial,
  type Phone,
  type RegisterOptions,
  register,
  registerPhone,
  SCENARIOS,
  type SipEdge,
  type SippPlace,
  type SippRun,
  sipp,
  startPhone,
  unregisterPhones,
} from './sipp-peers.ts';
/** A carrier's HELD location server over HTTPS (self-signed), to dereference locations by reference against. */
export { type HeldBehaviour, type HeldServer, locationResponse, startHeldServer } from './held-server.ts';
