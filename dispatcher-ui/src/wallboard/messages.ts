// Strings of the supervisor wallboard.
import { defineMessages } from '../i18n/define.ts';

export const wallboardMessages = defineMessages(
  {
    'wallboard.heading': 'Wallboard',
    'wallboard.waiting': 'Calls waiting',
    'wallboard.longestWait': 'Longest wait',
    'wallboard.callTakers': 'Call-takers',
  },
  {
    'wallboard.heading': 'Bảng giám sát',
    'wallboard.waiting': 'Cuộc gọi đang chờ',
    'wallboard.longestWait': 'Chờ lâu nhất',
    'wallboard.callTakers': 'Tiếp nhận viên',
  },
);
