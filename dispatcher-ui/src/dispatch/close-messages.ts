// Strings of closing an incident with its disposition.
import { defineMessages } from '../i18n/define.ts';

export const closeMessages = defineMessages(
  {
    'closeIncident.open': 'Close incident…',
    'closeIncident.heading': 'Close {number}',
    'closeIncident.disposition': 'Outcome',
    'closeIncident.choose': 'Choose the outcome',
    'closeIncident.note': 'Closing note (optional)',
    'closeIncident.submit': 'Close incident',
    'closeIncident.cancel': 'Cancel',
    'closeIncident.done': '{number} closed: {disposition}',
    'disposition.resolved': 'Resolved',
    'disposition.patient-transported': 'Patient transported',
    'disposition.false-alarm': 'False alarm',
    'disposition.no-patient-found': 'No patient found',
    'disposition.cancelled': 'Cancelled',
    'disposition.referred': 'Referred to another agency',
    'disposition.duplicate': 'Duplicate of another incident',
  },
  {
    'closeIncident.open': 'Kết thúc sự vụ…',
    'closeIncident.heading': 'Kết thúc {number}',
    'closeIncident.disposition': 'Kết quả',
    'closeIncident.choose': 'Chọn kết quả',
    'closeIncident.note': 'Ghi chú khi kết thúc (không bắt buộc)',
    'closeIncident.submit': 'Kết thúc sự vụ',
    'closeIncident.cancel': 'Huỷ',
    'closeIncident.done': 'Đã kết thúc {number}: {disposition}',
    'disposition.resolved': 'Đã xử lý xong',
    'disposition.patient-transported': 'Đã chuyển bệnh nhân',
    'disposition.false-alarm': 'Báo tin giả / nhầm',
    'disposition.no-patient-found': 'Không tìm thấy nạn nhân',
    'disposition.cancelled': 'Đã huỷ',
    'disposition.referred': 'Chuyển cơ quan khác',
    'disposition.duplicate': 'Trùng sự vụ khác',
  },
);
