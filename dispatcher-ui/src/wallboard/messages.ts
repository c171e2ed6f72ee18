// Strings of the supervisor wallboard.
import { defineMessages } from '../i18n/define.ts';

export const wallboardMessages = defineMessages(
  {
    'wallboard.heading': 'Wallboard',
    'wallboard.callsToday': 'Calls today',
    'wallboard.waiting': 'Calls waiting',
    'wallboard.longestWait': 'Longest wait',
    'wallboard.callTakers': 'Call-takers',
    'wallboard.within15': 'Answered within 15 s',
    'wallboard.within20': 'Answered within 20 s',
    'wallboard.answered': 'Answered',
    'wallboard.abandoned': 'Abandoned',
    'wallboard.share.met': 'target {target} %: met',
    'wallboard.share.missed': 'target {target} %: BELOW',
    'wallboard.share.none': 'target {target} %: no calls yet',
    'wallboard.openIncidents': 'Open incidents by priority',
    'wallboard.band.critical': 'Critical (8-10)',
    'wallboard.band.high': 'High (5-7)',
    'wallboard.band.routine': 'Routine (0-4)',
    'wallboard.units': 'Units by status',
    'wallboard.mediaRelayDown':
      'No media relay: browser call-takers cannot take calls; calls ring desk phones and the fallback group',
    'wallboard.notRecorded': 'Not recorded',
    'wallboard.recordingStore.full': 'Recordings folder almost full: calls go on but new recordings may fail',
    'wallboard.recordingStore.unwritable': 'Recordings folder unwritable: calls go on without recordings',
  },
  {
    'wallboard.heading': 'Bảng giám sát',
    'wallboard.callsToday': 'Cuộc gọi hôm nay',
    'wallboard.waiting': 'Cuộc gọi đang chờ',
    'wallboard.longestWait': 'Chờ lâu nhất',
    'wallboard.callTakers': 'Tiếp nhận viên',
    'wallboard.within15': 'Trả lời trong 15 giây',
    'wallboard.within20': 'Trả lời trong 20 giây',
    'wallboard.answered': 'Đã trả lời',
    'wallboard.abandoned': 'Cuộc gọi nhỡ',
    'wallboard.share.met': 'mục tiêu {target} %: đạt',
    'wallboard.share.missed': 'mục tiêu {target} %: CHƯA ĐẠT',
    'wallboard.share.none': 'mục tiêu {target} %: chưa có cuộc gọi',
    'wallboard.openIncidents': 'Sự vụ đang mở theo mức ưu tiên',
    'wallboard.band.critical': 'Nguy cấp (8-10)',
    'wallboard.band.high': 'Cao (5-7)',
    'wallboard.band.routine': 'Thường (0-4)',
    'wallboard.units': 'Phương tiện theo trạng thái',
    'wallboard.mediaRelayDown':
      'Mất máy chủ chuyển tiếp âm thanh: tiếp nhận viên trên trình duyệt không nhận được cuộc gọi; cuộc gọi đổ về điện thoại bàn và nhóm dự phòng',
    'wallboard.notRecorded': 'Không ghi âm được',
    'wallboard.recordingStore.full':
      'Thư mục ghi âm sắp đầy: cuộc gọi vẫn tiếp tục nhưng có thể không ghi âm được',
    'wallboard.recordingStore.unwritable':
      'Không ghi được vào thư mục ghi âm: cuộc gọi vẫn tiếp tục nhưng không được ghi âm',
  },
);
