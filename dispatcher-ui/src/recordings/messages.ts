// Strings of the call recording player.
import { defineMessages } from '../i18n/define.ts';

export const recordingMessages = defineMessages(
  {
    'recording.heading': 'Call recordings',
    'recording.play': 'Play',
    'recording.download': 'Download',
    'recording.pending': 'Recording not ready yet',
    'recording.notRecorded': 'Not recorded: {reason}',
    'recording.deleted': 'Deleted when its retention ended ({at})',
    'recording.held': 'Held for an investigation',
    'recording.failed.tampered': 'The recording file was altered (sha256 mismatch): not played',
    'recording.failed.missing': 'The recording file is missing: not played',
    'recording.caller': 'Caller (left) and call-taker (right)',
  },
  {
    'recording.heading': 'Ghi âm cuộc gọi',
    'recording.play': 'Nghe',
    'recording.download': 'Tải về',
    'recording.pending': 'Ghi âm chưa sẵn sàng',
    'recording.notRecorded': 'Không ghi âm được: {reason}',
    'recording.deleted': 'Đã xoá khi hết thời hạn lưu ({at})',
    'recording.held': 'Đang giữ để điều tra',
    'recording.failed.tampered': 'Tệp ghi âm đã bị thay đổi (sai sha256): không phát',
    'recording.failed.missing': 'Không tìm thấy tệp ghi âm: không phát',
    'recording.caller': 'Người gọi (trái) và tiếp nhận viên (phải)',
  },
);
