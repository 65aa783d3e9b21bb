import { defineMessages } from './define';

/** The due reminders shown in the window on start and when the district's day changes (issue 13, point 10). */
export const reminderMessages = defineMessages(
  {
    'reminders.title': '到期提醒',
    'reminders.overdue': '逾期 {count} 项',
    'reminders.dueSoon': '3 天内到期 {count} 项',
    'reminders.kind.checklist': '清单',
    'reminders.kind.milestone': '节点',
    'reminders.kind.problem': '问题',
    'reminders.late': '逾期 {days} 天',
    'reminders.today': '今天到期',
    'reminders.left': '{days} 天后到期',
    'reminders.more': '……等，另有 {count} 项',
    'reminders.open': '查看本周工作',
    'reminders.close': '关闭提醒（明天再提醒）',
  },
  {
    'reminders.title': 'Due reminders',
    'reminders.overdue': '{count} overdue',
    'reminders.dueSoon': '{count} due within 3 days',
    'reminders.kind.checklist': 'Task',
    'reminders.kind.milestone': 'Milestone',
    'reminders.kind.problem': 'Problem',
    'reminders.late': '{days, plural, one {# day} other {# days}} overdue',
    'reminders.today': 'due today',
    'reminders.left': 'due in {days, plural, one {# day} other {# days}}',
    'reminders.more': '… and {count} more',
    'reminders.open': 'Open This week',
    'reminders.close': 'Close (reminded again tomorrow)',
  },
);
