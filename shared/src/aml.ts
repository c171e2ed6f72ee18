// Advanced Mobile Location (ETSI TS 103 625) over HTTPS: the fields a handset's message carries, what became of
// each message the centre received, and the record kept of it.
import { z } from 'zod';

const field = (description: string) => z.string().max(200).optional().describe(description);

/**
 * The name-value pairs of one message, as the standard names them, posted form-encoded
 * (`application/x-www-form-urlencoded`, the standard's transport) or as a JSON object of the same names. Every
 * field is optional: a message missing what it takes to be used is still received, and recorded as unusable.
 */
export const AmlMessageFields = z
  .object({
    v: field('Version of the message format'),
    device_number: field('The handset\'s number (MSISDN), international or national form: "+84905550001"'),
    location_latitude: field('Latitude, WGS84 degrees'),
    location_longitude: field('Longitude, WGS84 degrees'),
    location_accuracy: field('Radius of the position, metres'),
    location_time: field('When the position was fixed: Unix milliseconds (or seconds), or an ISO 8601 time'),
    location_source: field('Positioning method: gps, wifi, cell, fused, unknown'),
    location_certainty: field('Confidence that the handset is inside the radius, percent'),
    location_confidence: field('The same confidence under its other name'),
    location_altitude: field('Altitude, metres (WGS84)'),
    location_vertical_accuracy: field('Vertical accuracy, metres'),
    location_floor: field('Floor label, as on a lift button'),
    device_model: field('Handset model'),
    device_imei: field('IMEI'),
    device_imsi: field('IMSI'),
    cell_home_mcc: field('Home network MCC'),
    cell_home_mnc: field('Home network MNC'),
    cell_network_mcc: field('Serving network MCC'),
    cell_network_mnc: field('Serving network MNC'),
    emergency_number: field('The number dialled: "112"'),
    source: field('What set the message off: call or sms'),
    time: field('When the emergency call began, Unix milliseconds'),
  })
  .catchall(z.string().max(2000));
export type AmlMessageFields = z.infer<typeof AmlMessageFields>;

/**
 * joined: its position was added to the call of its number; unjoined: usable, but no call of that number was live
 * or ended within the join window; unusable: it cannot be used (no number, no position), with why.
 */
export const AmlOutcome = z.enum(['joined', 'unjoined', 'unusable']);
export type AmlOutcome = z.infer<typeof AmlOutcome>;

/** The answer to a received message (202 whatever its content, so that the sender does not send it again). */
export const AmlReceipt = z.object({
  messageId: z.number().int(),
  outcome: AmlOutcome,
  /** The call it was joined to; for an unusable message, the call it was put on record with, if any. */
  callId: z.uuid().nullable(),
  /** Why it was not used; null when joined. */
  problem: z.string().max(300).nullable(),
});
export type AmlReceipt = z.infer<typeof AmlReceipt>;

/** What the message said besides its position, kept for the record. */
export const AmlDevice = z.object({
  imei: z.string().nullable(),
  imsi: z.string().nullable(),
  model: z.string().nullable(),
  emergencyNumber: z.string().nullable(),
  floor: z.string().nullable(),
  altitudeM: z.number().nullable(),
  certaintyPercent: z.number().nullable(),
});
export type AmlDevice = z.infer<typeof AmlDevice>;

/** One received message as kept (GET /aml/messages), newest first. */
export const AmlMessageRecord = AmlReceipt.extend({
  sender: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  /** The handset's number in E.164 where it could be read, else as sent; null when absent. */
  deviceNumber: z.string().nullable(),
  device: AmlDevice,
});
export type AmlMessageRecord = z.infer<typeof AmlMessageRecord>;

export const AmlMessagesQuery = z
  .object({
    /** Only messages of this number (any form toE164 reads). */
    number: z.string().max(32).optional(),
    outcome: AmlOutcome.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AmlMessagesQuery = z.infer<typeof AmlMessagesQuery>;
