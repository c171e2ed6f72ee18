// Every screen's strings merged into one dictionary per language; each screen keeps its own file.
import { adminMessages } from '../admin/messages.ts';
import { apiReferenceMessages } from '../api-reference/messages.ts';
import { errorMessages } from '../components/error-messages.ts';
import { registryMessages } from '../admin/registry-messages.ts';
import { availabilityMessages } from '../call-taker/availability-messages.ts';
import { calltakerMessages } from '../call-taker/messages.ts';
import { locationMessages } from '../call-taker/location-messages.ts';
import { callerLinkMessages } from '../caller-link/messages.ts';
import { phoneMessages } from '../call-taker/phone/messages.ts';
import { crewMessages } from '../crew/messages.ts';
import { closeMessages } from '../dispatch/close-messages.ts';
import { dispatchMessages } from '../dispatch/messages.ts';
import { floorMessages } from '../dispatch/floor-messages.ts';
import { incidentWorkMessages } from '../dispatch/incident-work-messages.ts';
import { timelineMessages } from '../dispatch/timeline-messages.ts';
import { placeMessages } from '../place/messages.ts';
import { hospitalMessages } from '../hospitals/messages.ts';
import { recordingMessages } from '../recordings/messages.ts';
import { passwordMessages } from '../session/password-messages.ts';
import { textMessages } from '../text112/messages.ts';
import { wallboardMessages } from '../wallboard/messages.ts';
import { tvMessages } from '../wallboard/tv/messages.ts';
import { coreMessages } from './core-messages.ts';
import type { Lang } from './define.ts';

const sets = [
  coreMessages,
  calltakerMessages,
  availabilityMessages,
  locationMessages,
  phoneMessages,
  wallboardMessages,
  tvMessages,
  dispatchMessages,
  closeMessages,
  recordingMessages,
  adminMessages,
  crewMessages,
  placeMessages,
  incidentWorkMessages,
  hospitalMessages,
  apiReferenceMessages,
  timelineMessages,
  registryMessages,
  errorMessages,
  floorMessages,
  textMessages,
  callerLinkMessages,
  passwordMessages,
] as const;

type English = (typeof sets)[number]['en'];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

export type MessageKey = keyof UnionToIntersection<English>;

export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = {
  en: Object.assign({}, ...sets.map((s) => s.en)),
  vi: Object.assign({}, ...sets.map((s) => s.vi)),
};
