// Incidents left without a unit past the policy's time for their priority (GET /incidents/escalation-policy):
// flagged on the list and the wallboard, with an alarm each time one more crosses its limit.
import { type EscalationPolicy, type Incident, isEscalated } from '@hcm112/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { soundAlarm } from '../components/alarm.ts';
import { useNow } from '../components/useNow.ts';
import { fetchEscalationPolicy } from './api.ts';

export interface Escalation {
  /** Ids of the open incidents past their limit with no unit. */
  escalated: ReadonlySet<string>;
  /** How many times the alarm sounded on this screen (shown as a data attribute for tests and people). */
  alarms: number;
}

export function useEscalation(incidents: readonly Incident[], sound = true): Escalation {
  const [policy, setPolicy] = useState<EscalationPolicy | null>(null);
  const now = useNow(1000);
  useEffect(() => {
    let current = true;
    const load = () =>
      fetchEscalationPolicy().then(
        (p) => {
          if (current) setPolicy(p);
        },
        () => {
          if (current) setTimeout(load, 10_000);
        },
      );
    void load();
    return () => {
      current = false;
    };
  }, []);
  const escalated = useMemo(
    () =>
      new Set(policy ? incidents.filter((i) => isEscalated(policy, i, new Date(now))).map((i) => i.id) : []),
    [policy, incidents, now],
  );
  const heard = useRef<ReadonlySet<string>>(new Set());
  const [alarms, setAlarms] = useState(0);
  useEffect(() => {
    const fresh = [...escalated].some((id) => !heard.current.has(id));
    heard.current = escalated;
    if (!fresh) return;
    if (sound) soundAlarm();
    setAlarms((n) => n + 1);
  }, [escalated, sound]);
  return { escalated, alarms };
}
