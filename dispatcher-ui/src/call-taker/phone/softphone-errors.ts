// Errors of the console softphone that the console shows in words, kept apart from JsSIP so the screen can name
// them without loading the SIP stack.

/** The console was asked to answer a call whose INVITE never reached the softphone. */
export class SoftphoneNoCall extends Error {
  constructor(readonly callId: string) {
    super(`no call ${callId} at the softphone`);
    this.name = 'SoftphoneNoCall';
  }
}
