// Wrap-up in the ACD: a call-taker whose call ended gets their wrap-up time (a caller already waiting too long
// breaks it), and may end it early from the console. Its end by time is the upkeep's (agent-upkeep.ts).
import type { AcdAgentRecord } from '@hcm112/shared';
import type { AgentUpkeep } from './agent-upkeep.ts';
import type { CallTakers } from './call-takers.ts';

export class WrapUps {
  constructor(
    private readonly callTakers: CallTakers,
    private readonly upkeep: AgentUpkeep,
  ) {}

  /** The call-taker on `extension` finished a call: their wrap-up starts, unless a caller waits too long. */
  async afterCall(extension: string): Promise<void> {
    await this.callTakers.finished(extension, await this.upkeep.wrapUpMs());
    // A caller already waiting too long does not wait for this wrap-up.
    await this.upkeep.breakWrapUpsForLongWaits();
  }

  /** The call-taker ends their wrap-up early; the reason when they are not in one. */
  async endEarly(extension: string): Promise<{ agent: AcdAgentRecord; refused: string | null }> {
    const before = await this.callTakers.record(extension);
    if (before.activity !== 'wrap-up') return { agent: before, refused: 'not in wrap-up' };
    return { agent: await this.callTakers.endWrapUp(extension), refused: null };
  }
}
