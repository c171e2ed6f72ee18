// Strings of the call-taker console.
import { defineMessages } from '../i18n/define.ts';

export const calltakerMessages = defineMessages(
  {
    'calltaker.heading': 'Call-taker console',
    'calltaker.queue': 'Calls waiting',
    'calltaker.queueEmpty': 'No calls waiting',
    'calltaker.caller': 'Caller',
    'calltaker.wait': 'Waiting',
    'calltaker.service': 'Number dialled',
    'calltaker.state': 'State',
  },
  {
    'calltaker.heading': 'Tiếp nhận cuộc gọi',
    'calltaker.queue': 'Cuộc gọi đang chờ',
    'calltaker.queueEmpty': 'Không có cuộc gọi chờ',
    'calltaker.caller': 'Số gọi đến',
    'calltaker.wait': 'Thời gian chờ',
    'calltaker.service': 'Số đã gọi',
    'calltaker.state': 'Trạng thái',
  },
);
