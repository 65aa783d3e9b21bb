import { defineMessages } from './define';

/** A photo's time and place from its EXIF (issue 13 point 9): the visit form's proposal and the coordinates shown. */
export const photoPlaceMessages = defineMessages(
  {
    'photoPlace.north': '北纬 {v}°',
    'photoPlace.south': '南纬 {v}°',
    'photoPlace.east': '东经 {v}°',
    'photoPlace.west': '西经 {v}°',
    'photoPlace.coordinates': '{lat}，{lng}',
    'photoPlace.place': '拍摄地点：{coordinates}',
    'photoPlace.taken': '拍摄于 {when}',
    'photoPlace.photo': '{file}：{details}',
    'photoPlace.separator': '，',
    'photoPlace.dateProposed': '日期已按照片的拍摄时间填为 {day}，可修改',
    'photoPlace.dateDiffers': '照片拍摄于 {day}，与所填日期不同',
    'photoPlace.useDate': '用作日期',
    'photoPlace.future': '照片的拍摄日期 {day} 晚于今天（相机时钟可能不准），日期未改动',
  },
  {
    'photoPlace.north': '{v}° N',
    'photoPlace.south': '{v}° S',
    'photoPlace.east': '{v}° E',
    'photoPlace.west': '{v}° W',
    'photoPlace.coordinates': '{lat}, {lng}',
    'photoPlace.place': 'Taken at {coordinates}',
    'photoPlace.taken': 'taken {when}',
    'photoPlace.photo': '{file}: {details}',
    'photoPlace.separator': '; ',
    'photoPlace.dateProposed': 'The date was set from the photo’s time: {day}; change it if needed',
    'photoPlace.dateDiffers': 'The photo was taken on {day}, not the date entered',
    'photoPlace.useDate': 'Use this date',
    'photoPlace.future': 'The photo’s date {day} is after today (the camera’s clock may be wrong); the date was left as it was',
  },
);
