// Strings of the location link: sending it from the call in hand, and the caller's phone position it gives.
import { defineMessages } from '../i18n/define.ts';

export const callerLinkMessages = defineMessages(
  {
    'calltaker.source.link': "from the caller's phone (link)",
    'link.send': 'Send location link',
    'link.sending': 'Sending…',
    'link.readOut': 'Read out this link if the SMS does not arrive:',
    'link.sms.sent': 'SMS sent to {to}.',
    'link.sms.failed': 'The SMS to {to} could not be sent: read the link out.',
    'link.sms.not-configured': 'No SMS gateway is configured: read the link out.',
    'link.sms.not-asked': 'No SMS sent.',
    'link.expires': 'Works until the call ends (at most until {time}).',
    'link.phoneHeading': "Caller's phone location",
    'link.phoneFix': '{lat}, {lon} · ±{m} m · {time}',
    'link.phoneNone': 'No position from the caller’s phone yet.',
    'link.videoHeading': "Live video from the caller's phone (with the caller's consent)",
    'link.videoFailed': 'The video could not be opened.',
  },
  {
    'calltaker.source.link': 'từ điện thoại người gọi (liên kết)',
    'link.send': 'Gửi liên kết vị trí',
    'link.sending': 'Đang gửi…',
    'link.readOut': 'Đọc liên kết này cho người gọi nếu tin nhắn không đến:',
    'link.sms.sent': 'Đã gửi SMS đến {to}.',
    'link.sms.failed': 'Không gửi được SMS đến {to}: hãy đọc liên kết cho người gọi.',
    'link.sms.not-configured': 'Chưa cấu hình cổng SMS: hãy đọc liên kết cho người gọi.',
    'link.sms.not-asked': 'Không gửi SMS.',
    'link.expires': 'Dùng được đến khi cuộc gọi kết thúc (chậm nhất đến {time}).',
    'link.phoneHeading': 'Vị trí điện thoại người gọi',
    'link.phoneFix': '{lat}, {lon} · ±{m} m · {time}',
    'link.phoneNone': 'Chưa có vị trí từ điện thoại người gọi.',
    'link.videoHeading': 'Video trực tiếp từ điện thoại người gọi (người gọi đã đồng ý)',
    'link.videoFailed': 'Không mở được video.',
  },
);
