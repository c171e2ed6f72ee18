// Strings of a refused request, by the error code the server answers with (its own message is English detail).
import { defineMessages } from '../i18n/define.ts';

export const errorMessages = defineMessages(
  {
    'error.code.invalid': 'Check these fields: {fields}.',
    'error.code.invalidNoField': 'The server refused the request as invalid.',
    'error.code.unauthenticated': 'Your session ended: sign in again.',
    'error.code.not-found': 'Not found: it may have been removed.',
    'error.code.conflict': 'Someone changed this first, or it is no longer allowed.',
    'error.code.too-large': 'Too large for the server to accept.',
    'error.code.gone': 'No longer valid: used up or expired.',
    'error.code.too-many-requests': 'Too many attempts: wait a moment and retry.',
    'error.code.internal': 'The server failed to do this.',
  },
  {
    'error.code.invalid': 'Kiểm tra các ô: {fields}.',
    'error.code.invalidNoField': 'Máy chủ từ chối yêu cầu vì không hợp lệ.',
    'error.code.unauthenticated': 'Phiên làm việc đã hết: hãy đăng nhập lại.',
    'error.code.not-found': 'Không tìm thấy: có thể đã bị xóa.',
    'error.code.conflict': 'Người khác đã thay đổi trước, hoặc việc này không còn được phép.',
    'error.code.too-large': 'Quá lớn, máy chủ không nhận.',
    'error.code.gone': 'Không còn hiệu lực: đã dùng hoặc đã hết hạn.',
    'error.code.too-many-requests': 'Thử quá nhiều lần: chờ một lát rồi thử lại.',
    'error.code.internal': 'Máy chủ không làm được việc này.',
  },
);
