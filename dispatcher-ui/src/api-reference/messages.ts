// Strings of the admin's API reference screen.
import { defineMessages } from '../i18n/define.ts';

export const apiReferenceMessages = defineMessages(
  {
    'nav.api': 'API',
    'api.heading': 'API reference',
    'api.hint':
      'Every route of the server with its roles, bodies and errors, generated from the schemas the server checks. Integrators receive this document from an admin; docs/api.md explains signatures and the realtime streams.',
    'api.download': 'Download openapi.json',
    'api.failed': 'The API reference could not be loaded.',
  },
  {
    'nav.api': 'API',
    'api.heading': 'Tài liệu API',
    'api.hint':
      'Mọi tuyến của máy chủ cùng vai trò, nội dung và mã lỗi, sinh ra từ chính các lược đồ mà máy chủ kiểm tra. Đơn vị tích hợp nhận tài liệu này từ quản trị viên; docs/api.md giải thích chữ ký và các luồng thời gian thực.',
    'api.download': 'Tải openapi.json',
    'api.failed': 'Không tải được tài liệu API.',
  },
);
