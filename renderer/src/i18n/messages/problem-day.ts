import { defineMessages } from './define';

/** The day a problem step happened (issue 13, point 7): the field in the step form and the timeline's line. */
export const problemDayMessages = defineMessages(
  {
    'problemDay.field': '发生日期',
    'problemDay.hint': '协调会、交办等实际发生的日期；可早于今天录入',
    'problemDay.required': '请选择发生日期',
    'problemDay.after_today': '发生日期不能晚于今天',
    'problemDay.before_raised': '发生日期不能早于问题收集日期（{day}）',
    'problemDay.before_last_step': '发生日期不能早于该问题上一步的日期（{day}）',
    'problemDay.byBackdated': '{by} · {day}（{entered}录入）',
  },
  {
    'problemDay.field': 'Date it happened',
    'problemDay.hint': 'The day of the meeting, dispatch and so on; may be before today',
    'problemDay.required': 'Choose the date it happened',
    'problemDay.after_today': 'The date it happened cannot be after today',
    'problemDay.before_raised': 'The date it happened cannot be before the problem was raised ({day})',
    'problemDay.before_last_step': 'The date it happened cannot be before the problem’s previous step ({day})',
    'problemDay.byBackdated': '{by} · {day} (entered {entered})',
  },
);
