// The demo logins, one or more per role, with known passwords that the demo prints.
import type { Role } from '@hcm112/shared';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  sipExtension: string | null;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'ct1',
    displayName: 'Nguyễn Thị Lan',
    role: 'call-taker',
    password: 'demo-ct1-112',
    sipExtension: '1001',
  },
  {
    username: 'ct2',
    displayName: 'Trần Văn Minh',
    role: 'call-taker',
    password: 'demo-ct2-112',
    sipExtension: '1002',
  },
  {
    username: 'ct3',
    displayName: 'Lê Thị Hoa',
    role: 'call-taker',
    password: 'demo-ct3-112',
    sipExtension: '1003',
  },
  {
    username: 'dsp1',
    displayName: 'Phạm Quốc Bảo',
    role: 'dispatcher',
    password: 'demo-dsp1-112',
    sipExtension: null,
  },
  {
    username: 'dsp2',
    displayName: 'Võ Thanh Tâm',
    role: 'dispatcher',
    password: 'demo-dsp2-112',
    sipExtension: null,
  },
  {
    username: 'sup1',
    displayName: 'Đặng Minh Châu',
    role: 'supervisor',
    password: 'demo-sup1-112',
    sipExtension: null,
  },
  {
    username: 'admin',
    displayName: 'Quản trị hệ thống',
    role: 'admin',
    password: 'demo-admin-112',
    sipExtension: null,
  },
];
