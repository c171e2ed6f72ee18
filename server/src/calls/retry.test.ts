import { describe, expect, it } from 'vitest';
import { applyInOrder } from './retry.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/** A step that fails with `errors` in turn, then returns 'applied'; records the pauses asked for. */
function failing(errors: Error[]) {
  const pauses: number[] = [];
  let calls = 0;
  return {
    pauses,
    calls: () => calls,
    apply: async () => {
      calls += 1;
      const err = errors.shift();
      if (err) throw err;
      return 'applied';
    },
    sleep: async (ms: number) => {
      pauses.push(ms);
    },
  };
}

describe('applyInOrder', () => {
  it('waits out a database outage in place, pausing longer each time up to the cap', async () => {
    const step = failing(Array.from({ length: 8 }, refused));
    const result = await applyInOrder(step.apply, { sleep: step.sleep, firstDelayMs: 100, maxDelayMs: 1000 });
    expect(result).toBe('applied');
    expect(step.pauses).toEqual([100, 200, 400, 800, 1000, 1000, 1000, 1000]);
  });

  it('leaves other errors to the queue after a few attempts', async () => {
    const step = failing(Array.from({ length: 5 }, () => new Error('call not yet recorded')));
    await expect(applyInOrder(step.apply, { sleep: step.sleep, otherAttempts: 3 })).rejects.toThrow(
      'call not yet recorded',
    );
    expect(step.calls()).toBe(3);
  });

  it('stops waiting when the worker closes', async () => {
    const step = failing(Array.from({ length: 50 }, refused));
    let closing = false;
    const sleep = async () => {
      closing = true;
    };
    await expect(applyInOrder(step.apply, { sleep, stopping: () => closing })).rejects.toThrow(
      'ECONNREFUSED',
    );
    expect(step.calls()).toBe(2);
  });
});
