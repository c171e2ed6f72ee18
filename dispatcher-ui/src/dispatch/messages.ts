// Strings of the dispatch console, its map, camera panel and unit board.
import { defineMessages } from '../i18n/define.ts';

export const dispatchMessages = defineMessages(
  {
    'dispatch.heading': 'Dispatch console',
    'dispatch.incidents': 'Open incidents',
    'dispatch.noIncidents': 'No open incidents',
    'dispatch.readOnly': 'Read only: your role can watch but not dispatch.',
  },
  {
    'dispatch.heading': 'Điều phối',
    'dispatch.incidents': 'Sự vụ đang mở',
    'dispatch.noIncidents': 'Không có sự vụ đang mở',
    'dispatch.readOnly': 'Chỉ xem: vai trò của bạn không được điều động.',
  },
);
