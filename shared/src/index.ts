// The domain in one place: import every schema and type from here.
export * from './address.ts';
export * from './agency.ts';
export * from './api.ts';
export * from './acd.ts';
export * from './audit.ts';
export * from './call.ts';
export * from './call-event.ts';
export * from './camera.ts';
export * from './camera-alert.ts';
export * from './events.ts';
export * from './geo.ts';
export * from './incident-type.ts';
export * from './incident.ts';
export * from './sip-phone.ts';
export * from './unit-status.ts';
export * from './unit.ts';
export * from './user.ts';
