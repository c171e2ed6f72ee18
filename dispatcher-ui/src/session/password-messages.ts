// Strings of the signed-in user's own password dialog.
import { defineMessages } from '../i18n/define.ts';

export const passwordMessages = defineMessages(
  {
    'password.open': 'My password',
    'password.heading': 'Change my password',
    'password.current': 'Current password',
    'password.new': 'New password (at least 10 characters)',
    'password.repeat': 'New password again',
    'password.save': 'Change password',
    'password.close': 'Close',
    'password.cancel': 'Cancel',
    'password.tooShort': 'The new password needs at least 10 characters.',
    'password.mismatch': 'The two new passwords differ.',
    'password.same': 'The new password is the one you have now.',
    'password.wrongCurrent': 'The current password is wrong.',
    'password.done': 'Password changed. Your other sessions were signed out; this one stays.',
  },
  {
    'password.open': 'Mật khẩu của tôi',
    'password.heading': 'Đổi mật khẩu của tôi',
    'password.current': 'Mật khẩu hiện tại',
    'password.new': 'Mật khẩu mới (ít nhất 10 ký tự)',
    'password.repeat': 'Nhập lại mật khẩu mới',
    'password.save': 'Đổi mật khẩu',
    'password.close': 'Đóng',
    'password.cancel': 'Hủy',
    'password.tooShort': 'Mật khẩu mới cần ít nhất 10 ký tự.',
    'password.mismatch': 'Hai mật khẩu mới không giống nhau.',
    'password.same': 'Mật khẩu mới trùng với mật khẩu hiện tại.',
    'password.wrongCurrent': 'Mật khẩu hiện tại không đúng.',
    'password.done': 'Đã đổi mật khẩu. Các phiên khác của bạn đã bị đăng xuất; phiên này vẫn giữ.',
  },
);
