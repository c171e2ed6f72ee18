// Texting a location link through the configured SMS gateway: an HTTP POST of JSON {to, text} with the
// configured Authorization header, bounded in time. The gateway's key never reaches a log.
import type { CallerLinkSms } from '@hcm112/shared';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

type SmsConfig = Pick<Config, 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_AUTH' | 'SMS_GATEWAY_TIMEOUT_MS'>;

/** The text of the SMS, in Vietnamese then English, the link last so phones make it tappable. */
export function linkSmsText(url: string): string {
  return `112: Mở liên kết để gửi vị trí của bạn cho tổng đài. Open to share your location with 112: ${url}`;
}

export async function sendLinkSms(
  config: SmsConfig,
  log: Logger,
  to: string,
  text: string,
): Promise<CallerLinkSms> {
  if (!config.SMS_GATEWAY_URL) return 'not-configured';
  try {
    const res = await fetch(config.SMS_GATEWAY_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.SMS_GATEWAY_AUTH && { authorization: config.SMS_GATEWAY_AUTH }),
      },
      body: JSON.stringify({ to, text }),
      signal: AbortSignal.timeout(config.SMS_GATEWAY_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.ok) return 'sent';
    log.warn({ status: res.status }, 'sms gateway refused');
    return 'failed';
  } catch (err) {
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'sms gateway unreachable');
    return 'failed';
  }
}
