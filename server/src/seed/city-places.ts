// Approximate places of Ho Chi Minh City for the generated demo city: districts (2021-2025 structure),
// main roads as coarse polylines, and well-known landmarks and hospitals. Plausible, not surveyed.

export interface DistrictSeed {
  code: string;
  name: string;
  lat: number;
  lon: number;
  areaKm2: number;
  population: number;
}

export const DISTRICTS: readonly DistrictSeed[] = [
  { code: 'Q1', name: 'Quận 1', lat: 10.7756, lon: 106.7004, areaKm2: 7.7, population: 142_000 },
  { code: 'Q3', name: 'Quận 3', lat: 10.7843, lon: 106.6844, areaKm2: 4.9, population: 190_000 },
  { code: 'Q4', name: 'Quận 4', lat: 10.7579, lon: 106.7049, areaKm2: 4.2, population: 175_000 },
  { code: 'Q5', name: 'Quận 5', lat: 10.754, lon: 106.6634, areaKm2: 4.3, population: 159_000 },
  { code: 'Q6', name: 'Quận 6', lat: 10.748, lon: 106.6352, areaKm2: 7.1, population: 233_000 },
  { code: 'Q7', name: 'Quận 7', lat: 10.734, lon: 106.7216, areaKm2: 35.7, population: 360_000 },
  { code: 'Q8', name: 'Quận 8', lat: 10.7241, lon: 106.6286, areaKm2: 19.2, population: 424_000 },
  { code: 'Q10', name: 'Quận 10', lat: 10.7728, lon: 106.668, areaKm2: 5.7, population: 234_000 },
  { code: 'Q11', name: 'Quận 11', lat: 10.7629, lon: 106.65, areaKm2: 5.1, population: 209_000 },
  { code: 'Q12', name: 'Quận 12', lat: 10.8672, lon: 106.6413, areaKm2: 52.8, population: 620_000 },
  { code: 'BTA', name: 'Quận Bình Tân', lat: 10.7653, lon: 106.6035, areaKm2: 52.0, population: 784_000 },
  { code: 'BTH', name: 'Quận Bình Thạnh', lat: 10.8106, lon: 106.7091, areaKm2: 20.8, population: 499_000 },
  { code: 'GVA', name: 'Quận Gò Vấp', lat: 10.8387, lon: 106.6653, areaKm2: 19.7, population: 676_000 },
  { code: 'PNH', name: 'Quận Phú Nhuận', lat: 10.7992, lon: 106.6803, areaKm2: 4.9, population: 163_000 },
  { code: 'TBI', name: 'Quận Tân Bình', lat: 10.8015, lon: 106.6527, areaKm2: 22.4, population: 474_000 },
  { code: 'TPH', name: 'Quận Tân Phú', lat: 10.7918, lon: 106.6282, areaKm2: 16.1, population: 485_000 },
  {
    code: 'TDU',
    name: 'Thành phố Thủ Đức',
    lat: 10.8266,
    lon: 106.7642,
    areaKm2: 211.6,
    population: 1_013_000,
  },
  { code: 'BCH', name: 'Huyện Bình Chánh', lat: 10.6874, lon: 106.5939, areaKm2: 252.6, population: 705_000 },
  { code: 'CGI', name: 'Huyện Cần Giờ', lat: 10.5113, lon: 106.8747, areaKm2: 704.5, population: 71_000 },
  { code: 'CCH', name: 'Huyện Củ Chi', lat: 10.9733, lon: 106.4932, areaKm2: 434.8, population: 462_000 },
  { code: 'HMO', name: 'Huyện Hóc Môn', lat: 10.8863, lon: 106.5923, areaKm2: 109.2, population: 542_000 },
  { code: 'NBE', name: 'Huyện Nhà Bè', lat: 10.6952, lon: 106.7048, areaKm2: 100.4, population: 206_000 },
];

/** The outline the district cells are clipped to: [west, south, east, north]. */
export const CITY_BBOX: readonly [number, number, number, number] = [106.35, 10.35, 107.05, 11.16];

export type RoadClass = 'highway' | 'arterial' | 'collector';

export interface RoadSeed {
  name: string;
  roadClass: RoadClass;
  /** [lat, lon] vertices. */
  path: ReadonlyArray<readonly [number, number]>;
}

export const ROADS: readonly RoadSeed[] = [
  {
    name: 'Nguyễn Huệ',
    roadClass: 'arterial',
    path: [
      [10.7768, 106.7018],
      [10.7733, 106.7055],
    ],
  },
  {
    name: 'Lê Lợi',
    roadClass: 'arterial',
    path: [
      [10.7725, 106.698],
      [10.7755, 106.7037],
    ],
  },
  {
    name: 'Đồng Khởi',
    roadClass: 'collector',
    path: [
      [10.7798, 106.6995],
      [10.7745, 106.7055],
    ],
  },
  {
    name: 'Điện Biên Phủ',
    roadClass: 'arterial',
    path: [
      [10.7834, 106.687],
      [10.7925, 106.702],
      [10.799, 106.715],
    ],
  },
  {
    name: 'Cách Mạng Tháng Tám',
    roadClass: 'arterial',
    path: [
      [10.772, 106.693],
      [10.785, 106.676],
      [10.795, 106.66],
      [10.802, 106.653],
    ],
  },
  {
    name: 'Võ Văn Kiệt',
    roadClass: 'highway',
    path: [
      [10.7665, 106.706],
      [10.758, 106.68],
      [10.75, 106.65],
      [10.745, 106.6],
    ],
  },
  {
    name: 'Xa lộ Hà Nội',
    roadClass: 'highway',
    path: [
      [10.802, 106.74],
      [10.826, 106.762],
      [10.848, 106.785],
      [10.87, 106.81],
    ],
  },
  {
    name: 'Nguyễn Văn Linh',
    roadClass: 'highway',
    path: [
      [10.729, 106.62],
      [10.727, 106.66],
      [10.73, 106.7],
      [10.74, 106.735],
    ],
  },
  {
    name: 'Trường Chinh',
    roadClass: 'arterial',
    path: [
      [10.799, 106.647],
      [10.82, 106.63],
      [10.84, 106.62],
      [10.86, 106.61],
    ],
  },
  {
    name: 'Cộng Hòa',
    roadClass: 'arterial',
    path: [
      [10.801, 106.653],
      [10.8015, 106.638],
    ],
  },
  {
    name: 'Phạm Văn Đồng',
    roadClass: 'highway',
    path: [
      [10.81, 106.68],
      [10.83, 106.71],
      [10.85, 106.72],
    ],
  },
  {
    name: '3 Tháng 2',
    roadClass: 'arterial',
    path: [
      [10.77, 106.685],
      [10.7655, 106.67],
      [10.763, 106.657],
      [10.76, 106.64],
    ],
  },
  {
    name: 'Nguyễn Thị Minh Khai',
    roadClass: 'arterial',
    path: [
      [10.788, 106.705],
      [10.779, 106.695],
      [10.77, 106.688],
      [10.761, 106.681],
    ],
  },
  {
    name: 'Hai Bà Trưng',
    roadClass: 'arterial',
    path: [
      [10.779, 106.705],
      [10.785, 106.697],
      [10.79, 106.69],
    ],
  },
  {
    name: 'Nam Kỳ Khởi Nghĩa',
    roadClass: 'arterial',
    path: [
      [10.773, 106.701],
      [10.781, 106.694],
      [10.789, 106.686],
    ],
  },
  {
    name: 'Trần Hưng Đạo',
    roadClass: 'arterial',
    path: [
      [10.769, 106.699],
      [10.762, 106.688],
      [10.753, 106.67],
    ],
  },
  {
    name: 'Hùng Vương',
    roadClass: 'arterial',
    path: [
      [10.76, 106.67],
      [10.757, 106.657],
      [10.753, 106.645],
    ],
  },
  {
    name: 'Kinh Dương Vương',
    roadClass: 'arterial',
    path: [
      [10.75, 106.635],
      [10.742, 106.62],
      [10.735, 106.605],
    ],
  },
  {
    name: 'Quốc lộ 1A',
    roadClass: 'highway',
    path: [
      [10.875, 106.69],
      [10.86, 106.62],
      [10.83, 106.605],
      [10.8, 106.6],
      [10.75, 106.595],
      [10.69, 106.58],
    ],
  },
  {
    name: 'Quốc lộ 13',
    roadClass: 'highway',
    path: [
      [10.81, 106.71],
      [10.85, 106.715],
      [10.89, 106.72],
    ],
  },
  {
    name: 'Quốc lộ 22',
    roadClass: 'highway',
    path: [
      [10.86, 106.62],
      [10.89, 106.59],
      [10.93, 106.54],
      [10.97, 106.49],
    ],
  },
  {
    name: 'Mai Chí Thọ',
    roadClass: 'highway',
    path: [
      [10.785, 106.715],
      [10.79, 106.745],
      [10.8, 106.76],
    ],
  },
  {
    name: 'Huỳnh Tấn Phát',
    roadClass: 'arterial',
    path: [
      [10.75, 106.73],
      [10.71, 106.74],
      [10.68, 106.745],
    ],
  },
  {
    name: 'Nguyễn Tất Thành',
    roadClass: 'arterial',
    path: [
      [10.768, 106.706],
      [10.762, 106.711],
      [10.756, 106.718],
    ],
  },
  {
    name: 'Phan Văn Trị',
    roadClass: 'collector',
    path: [
      [10.815, 106.69],
      [10.825, 106.688],
      [10.835, 106.685],
    ],
  },
  {
    name: 'Quang Trung',
    roadClass: 'arterial',
    path: [
      [10.835, 106.67],
      [10.84, 106.657],
      [10.845, 106.645],
    ],
  },
  {
    name: 'Lê Văn Việt',
    roadClass: 'arterial',
    path: [
      [10.845, 106.775],
      [10.846, 106.792],
      [10.845, 106.81],
    ],
  },
  {
    name: 'Nguyễn Văn Cừ',
    roadClass: 'collector',
    path: [
      [10.763, 106.683],
      [10.756, 106.689],
    ],
  },
  {
    name: 'Lý Thường Kiệt',
    roadClass: 'arterial',
    path: [
      [10.76, 106.658],
      [10.775, 106.656],
      [10.79, 106.653],
    ],
  },
  {
    name: 'Nguyễn Kiệm',
    roadClass: 'arterial',
    path: [
      [10.798, 106.68],
      [10.81, 106.679],
      [10.82, 106.678],
    ],
  },
  {
    name: 'Rừng Sác',
    roadClass: 'highway',
    path: [
      [10.68, 106.76],
      [10.6, 106.83],
      [10.5, 106.9],
      [10.42, 106.95],
    ],
  },
];

export type PlaceKind = 'landmark' | 'hospital';

export interface PlaceSeed {
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
}

export const PLACES: readonly PlaceSeed[] = [
  { name: 'Chợ Bến Thành', kind: 'landmark', lat: 10.7725, lon: 106.698 },
  { name: 'Nhà thờ Đức Bà', kind: 'landmark', lat: 10.7798, lon: 106.699 },
  { name: 'Dinh Độc Lập', kind: 'landmark', lat: 10.777, lon: 106.6953 },
  { name: 'Bưu điện Thành phố', kind: 'landmark', lat: 10.7799, lon: 106.7 },
  { name: 'Nhà hát Thành phố', kind: 'landmark', lat: 10.7767, lon: 106.7031 },
  { name: 'Phố đi bộ Nguyễn Huệ', kind: 'landmark', lat: 10.774, lon: 106.704 },
  { name: 'Tòa nhà Bitexco', kind: 'landmark', lat: 10.7717, lon: 106.7044 },
  { name: 'Landmark 81', kind: 'landmark', lat: 10.795, lon: 106.7218 },
  { name: 'Sân bay Tân Sơn Nhất', kind: 'landmark', lat: 10.8185, lon: 106.6588 },
  { name: 'Chợ Bình Tây', kind: 'landmark', lat: 10.7497, lon: 106.651 },
  { name: 'Thảo Cầm Viên', kind: 'landmark', lat: 10.7875, lon: 106.7053 },
  { name: 'Bến xe Miền Đông', kind: 'landmark', lat: 10.815, lon: 106.711 },
  { name: 'Bến xe Miền Tây', kind: 'landmark', lat: 10.7405, lon: 106.619 },
  { name: 'Công viên Đầm Sen', kind: 'landmark', lat: 10.768, lon: 106.638 },
  { name: 'Khu du lịch Suối Tiên', kind: 'landmark', lat: 10.866, lon: 106.802 },
  { name: 'Hầm Thủ Thiêm', kind: 'landmark', lat: 10.768, lon: 106.711 },
  { name: 'Cầu Sài Gòn', kind: 'landmark', lat: 10.798, lon: 106.729 },
  { name: 'Chợ Tân Định', kind: 'landmark', lat: 10.7895, lon: 106.69 },
  { name: 'Đại học Bách khoa', kind: 'landmark', lat: 10.772, lon: 106.658 },
  { name: 'Crescent Mall', kind: 'landmark', lat: 10.729, lon: 106.719 },
  { name: 'Công viên Lê Văn Tám', kind: 'landmark', lat: 10.788, lon: 106.695 },
  { name: 'Sân vận động Thống Nhất', kind: 'landmark', lat: 10.761, lon: 106.664 },
  { name: 'Chợ Bà Chiểu', kind: 'landmark', lat: 10.801, lon: 106.699 },
  { name: 'Cảng Sài Gòn', kind: 'landmark', lat: 10.76, lon: 106.708 },
  { name: 'Khu Công nghệ cao', kind: 'landmark', lat: 10.842, lon: 106.795 },
  { name: 'Chợ đầu mối Bình Điền', kind: 'landmark', lat: 10.717, lon: 106.605 },
  { name: 'Địa đạo Củ Chi', kind: 'landmark', lat: 11.1417, lon: 106.4619 },
  { name: 'Rừng ngập mặn Cần Giờ', kind: 'landmark', lat: 10.53, lon: 106.88 },
  { name: 'Bệnh viện Chợ Rẫy', kind: 'hospital', lat: 10.7578, lon: 106.6597 },
  { name: 'Bệnh viện Nhân dân 115', kind: 'hospital', lat: 10.775, lon: 106.667 },
  { name: 'Bệnh viện Thống Nhất', kind: 'hospital', lat: 10.792, lon: 106.653 },
  { name: 'Bệnh viện Nhân dân Gia Định', kind: 'hospital', lat: 10.803, lon: 106.695 },
  { name: 'Bệnh viện Từ Dũ', kind: 'hospital', lat: 10.769, lon: 106.686 },
  { name: 'Bệnh viện Nhi Đồng 1', kind: 'hospital', lat: 10.769, lon: 106.67 },
  { name: 'Bệnh viện Quân y 175', kind: 'hospital', lat: 10.817, lon: 106.678 },
  { name: 'Bệnh viện Đại học Y Dược', kind: 'hospital', lat: 10.756, lon: 106.664 },
  { name: 'Bệnh viện Nguyễn Tri Phương', kind: 'hospital', lat: 10.7555, lon: 106.6705 },
  { name: 'Bệnh viện Quận 7', kind: 'hospital', lat: 10.735, lon: 106.722 },
  { name: 'Bệnh viện Thủ Đức', kind: 'hospital', lat: 10.85, lon: 106.77 },
  { name: 'Bệnh viện Bình Chánh', kind: 'hospital', lat: 10.69, lon: 106.596 },
  { name: 'Bệnh viện Củ Chi', kind: 'hospital', lat: 10.972, lon: 106.495 },
  { name: 'Bệnh viện Hóc Môn', kind: 'hospital', lat: 10.886, lon: 106.593 },
  { name: 'Bệnh viện Cần Giờ', kind: 'hospital', lat: 10.412, lon: 106.955 },
  { name: 'Trung tâm Cấp cứu 115', kind: 'hospital', lat: 10.7716, lon: 106.6766 },
];
