// Strings of placing a location by hand (map pin, coordinates, landmark), on both consoles.
import { defineMessages } from '../i18n/define.ts';

export const placeMessages = defineMessages(
  {
    'place.heading': 'Place on the map',
    'place.mapLabel': 'Map: click to put the pin, or drag the pin',
    'place.mapHint': 'Click the map or drag the pin; or type coordinates; or pick a landmark.',
    'place.lat': 'Latitude',
    'place.lon': 'Longitude',
    'place.setCoordinates': 'Go to coordinates',
    'place.badCoordinates':
      'Coordinates must be numbers inside Ho Chi Minh City (lat 10.3-11.2, lon 106.3-107.1)',
    'place.landmark': 'Landmark or hospital',
    'place.chooseLandmark': 'Choose a landmark…',
    'place.chosen': 'Pin at {place}',
    'place.pointOnly': '{lat}, {lon}',
    'place.finding': 'Finding the address…',
    'place.use': 'Use this place',
    'place.cancel': 'Cancel',
    'place.open': 'Place by hand',
  },
  {
    'place.heading': 'Đặt vị trí trên bản đồ',
    'place.mapLabel': 'Bản đồ: bấm để đặt ghim, hoặc kéo ghim',
    'place.mapHint': 'Bấm lên bản đồ hoặc kéo ghim; hoặc nhập tọa độ; hoặc chọn địa danh.',
    'place.lat': 'Vĩ độ',
    'place.lon': 'Kinh độ',
    'place.setCoordinates': 'Đến tọa độ',
    'place.badCoordinates': 'Tọa độ phải là số, trong TP.HCM (vĩ độ 10.3-11.2, kinh độ 106.3-107.1)',
    'place.landmark': 'Địa danh hoặc bệnh viện',
    'place.chooseLandmark': 'Chọn địa danh…',
    'place.chosen': 'Ghim tại {place}',
    'place.pointOnly': '{lat}, {lon}',
    'place.finding': 'Đang tìm địa chỉ…',
    'place.use': 'Dùng vị trí này',
    'place.cancel': 'Hủy',
    'place.open': 'Đặt vị trí thủ công',
  },
);
