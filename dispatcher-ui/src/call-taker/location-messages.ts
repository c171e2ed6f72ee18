// Strings of the call-taker's location actions: refreshing a location by reference, placing the caller on the
// map or from the incident form, and the height of a three-dimensional shape.
import { defineMessages } from '../i18n/define.ts';

export const locationMessages = defineMessages(
  {
    'refresh.button': 'Refresh location',
    'refresh.key': 'ask the carrier again where the caller is',
    'refresh.asking': "Asking the carrier's location server…",
    'refresh.new': 'New location from the carrier: {accuracy}',
    'refresh.unchanged': "The carrier's location is unchanged ({accuracy})",
    'refresh.unusable': 'The carrier gave no usable location: {why}',
    'refresh.silent':
      'No answer from the location server yet: it will appear in the list below when it comes.',
    'callerMap.dragPin': 'Drag to where the caller is',
    'callerMap.setHere': 'Set location here',
    'callerMap.hint': 'Drag the red pin, or click the map (or move it with the arrow keys) to mark the spot.',
    'callerMap.marked': 'Marked {lat}, {lon}',
    'recorded.saving': "Recording in the call's locations…",
    'recorded.done': "Recorded in the call's locations ({source}).",
    'recorded.inUse': 'It is now the location in use.',
    'recorded.morePrecise':
      'The location {source} ({accuracy}) stays in use: it is much more precise and under 30 s older.',
    'recorded.newer': 'The location {source} ({accuracy}) stays in use: it is newer.',
    'ctForm.callerIsHere': 'The caller is here',
    'calltaker.height': 'height {alt} m ± {v} m',
    'calltaker.heightOnly': 'height {alt} m',
    'calltaker.heightRange': 'from {low} m to {high} m high',
  },
  {
    'refresh.button': 'Cập nhật vị trí',
    'refresh.key': 'hỏi lại nhà mạng vị trí người gọi',
    'refresh.asking': 'Đang hỏi máy chủ vị trí của nhà mạng…',
    'refresh.new': 'Vị trí mới từ nhà mạng: {accuracy}',
    'refresh.unchanged': 'Vị trí từ nhà mạng không đổi ({accuracy})',
    'refresh.unusable': 'Nhà mạng không cho vị trí dùng được: {why}',
    'refresh.silent': 'Máy chủ vị trí chưa trả lời: khi có, vị trí sẽ hiện trong danh sách bên dưới.',
    'callerMap.dragPin': 'Kéo đến chỗ người gọi',
    'callerMap.setHere': 'Đặt vị trí tại đây',
    'callerMap.hint': 'Kéo ghim đỏ, hoặc bấm vào bản đồ (hay dời bản đồ bằng phím mũi tên) để đánh dấu chỗ.',
    'callerMap.marked': 'Đã đánh dấu {lat}, {lon}',
    'recorded.saving': 'Đang ghi vào các vị trí của cuộc gọi…',
    'recorded.done': 'Đã ghi vào các vị trí của cuộc gọi ({source}).',
    'recorded.inUse': 'Đây là vị trí đang dùng.',
    'recorded.morePrecise':
      'Vị trí {source} ({accuracy}) vẫn được dùng: chính xác hơn nhiều và cũ chưa tới 30 giây.',
    'recorded.newer': 'Vị trí {source} ({accuracy}) vẫn được dùng: mới hơn.',
    'ctForm.callerIsHere': 'Người gọi ở đây',
    'calltaker.height': 'độ cao {alt} m ± {v} m',
    'calltaker.heightOnly': 'độ cao {alt} m',
    'calltaker.heightRange': 'cao từ {low} m đến {high} m',
  },
);
