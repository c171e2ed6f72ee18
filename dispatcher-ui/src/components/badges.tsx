// Status badges that carry a word and a shape as well as a colour, so no state is told by colour alone.
import type { AgentState, CallState, IncidentStatus, UnitStatus } from '@hcm112/shared';
import { useT } from '../i18n/i18n.tsx';

/** Shapes per unit status: a free unit is a filled circle, a committed one a triangle or square, out a cross. */
export const UNIT_STATUS_ICON: Readonly<Record<UnitStatus, string>> = {
  available: '●',
  dispatched: '▲',
  'en-route': '►',
  'on-scene': '■',
  transporting: '✚',
  'at-hospital': '⌂',
  'out-of-service': '✕',
};

export function UnitStatusBadge({ status }: { status: UnitStatus }) {
  const t = useT();
  return (
    <span className={`badge unit-${status}`} data-status={status}>
      <span aria-hidden="true">{UNIT_STATUS_ICON[status]}</span> {t(`status.${status}`)}
    </span>
  );
}

/** Priority 0-10 (10 most urgent): 8+ critical, 5-7 high, lower routine. */
export function priorityBand(priority: number): 'critical' | 'high' | 'routine' {
  if (priority >= 8) return 'critical';
  if (priority >= 5) return 'high';
  return 'routine';
}

const PRIORITY_ICON = { critical: '▲▲', high: '▲', routine: '▽' } as const;

export function PriorityBadge({ priority }: { priority: number }) {
  const t = useT();
  const band = priorityBand(priority);
  return (
    <span className={`badge priority-${band}`} data-priority={priority}>
      <span aria-hidden="true">{PRIORITY_ICON[band]}</span> {t('priority.label', { priority })}
    </span>
  );
}

const CALL_ICON: Readonly<Record<CallState, string>> = {
  queued: '⏳',
  'ringing-agent': '☎',
  fallback: '⇄',
  answered: '✆',
  abandoned: '✕',
  ended: '–',
};

export function CallStateBadge({ state }: { state: CallState }) {
  const t = useT();
  return (
    <span className={`badge call-${state}`} data-state={state}>
      <span aria-hidden="true">{CALL_ICON[state]}</span> {t(`call.${state}`)}
    </span>
  );
}

export const AGENT_ICON: Readonly<Record<AgentState, string>> = {
  offline: '○',
  'not-ready': '⏸',
  ready: '●',
  ringing: '☎',
  'on-call': '✆',
  'wrap-up': '✎',
};

export function AgentStateBadge({ state }: { state: AgentState }) {
  const t = useT();
  return (
    <span className={`badge agent-${state}`} data-state={state}>
      <span aria-hidden="true">{AGENT_ICON[state]}</span> {t(`agent.${state}`)}
    </span>
  );
}

const INCIDENT_ICON: Readonly<Record<IncidentStatus, string>> = {
  new: '◆',
  dispatched: '▲',
  'on-scene': '■',
  closed: '✓',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const t = useT();
  return (
    <span className={`badge incident-${status}`} data-status={status}>
      <span aria-hidden="true">{INCIDENT_ICON[status]}</span> {t(`incident.${status}`)}
    </span>
  );
}
