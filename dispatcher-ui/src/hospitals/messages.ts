// Strings of the hospitals screen and the hospitals map layer.
import { defineMessages } from '../i18n/define.ts';

export const hospitalMessages = defineMessages(
  {
    'nav.hospitals': 'Hospitals',
    'hospitals.heading': 'Hospitals: what each can treat',
    'hospitals.hint':
      'Imported hospitals are unverified until someone here confirms them. A diverting hospital is never chosen as an ambulance destination.',
    'hospitals.name': 'Hospital',
    'hospitals.ward': 'Ward',
    'hospitals.diverting': 'Diverting',
    'hospitals.verified': 'Verified',
    'hospitals.unverified': 'unverified',
    'hospitals.save': 'Save',
    'hospitals.saved': '{name} saved.',
    'hospitals.filter': 'Find a hospital',
  },
  {
    'nav.hospitals': 'Bệnh viện',
    'hospitals.heading': 'Bệnh viện: khả năng tiếp nhận',
    'hospitals.hint':
      'Bệnh viện được nhập vào chưa xác minh cho đến khi trung tâm xác nhận. Bệnh viện đang chuyển hướng không bao giờ được chọn làm nơi đưa bệnh nhân.',
    'hospitals.name': 'Bệnh viện',
    'hospitals.ward': 'Phường, xã',
    'hospitals.diverting': 'Chuyển hướng',
    'hospitals.verified': 'Đã xác minh',
    'hospitals.unverified': 'chưa xác minh',
    'hospitals.save': 'Lưu',
    'hospitals.saved': 'Đã lưu {name}.',
    'hospitals.filter': 'Tìm bệnh viện',
  },
);
