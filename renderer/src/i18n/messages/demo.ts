import { defineMessages } from './define';

/** Demo mode: the banner on every screen, leaving the demo, and why the demo cannot exchange files. */
export const demoMessages = defineMessages(
  {
    'demo.banner': '演示模式：这里的人员、项目和记录都是虚构的演示数据，不报送经发局，不能导入任务文件，也不能导出工作包。',
    'demo.leave': '退出演示',
    'demo.leave.title': '退出演示，开始正式使用？',
    'demo.leave.notReported': '您在演示中录入的内容不会报送经发局，也不会带入正式数据。',
    'demo.leave.backup':
      '演示数据库将先保存为备份，放在备份文件夹 {dir} 中（文件名形如 sponsor-desk-年月日-时分秒.sqlite，退出后会显示确切的文件名），需要时可在“设置 → 备份与恢复”中恢复查看。',
    'demo.leave.kept': '已信任的局里公钥、您的密钥、界面语言和时区会保留。',
    'demo.leave.next': '退出后请在“文件交换”中导入局里下发的任务文件。',
    'demo.leave.ok': '退出演示',
    'demo.leave.cancel': '取消',
    'demo.left': '已退出演示。演示数据已备份为 {path}',
    'demo.import.blocked': '演示模式下不能导入任务文件：任务文件只导入正式数据。请先点页面上方的“退出演示”，再导入局里下发的任务文件。',
    'demo.export.blocked': '演示数据不报送经发局，演示模式下不能导出工作包。请先点页面上方的“退出演示”，导入局里下发的任务文件后再导出。',
    'error.illegal_transition.demo_store': '当前为演示数据，不能导出工作包：请先点页面上方的“退出演示”（演示数据会保存为备份），导入任务文件后再导出',
  },
  {
    'demo.banner':
      'Demo mode: the people, projects and records here are invented demo data. Nothing is reported to the bureau; no assignment can be imported and no packet exported.',
    'demo.leave': 'Leave the demo',
    'demo.leave.title': 'Leave the demo and start for real?',
    'demo.leave.notReported': 'Work you entered in the demo is not reported to the bureau and is not carried into your real data.',
    'demo.leave.backup':
      'The demo database is kept first as a backup in the backups folder {dir} (named like sponsor-desk-YYYYMMDD-HHmmss.sqlite; the exact name is shown when you have left); restore it under Settings → Backup and restore to look at it again.',
    'demo.leave.kept': 'The bureau key you trusted, your own key, the language and the time zone are kept.',
    'demo.leave.next': 'Then import the assignment file from the bureau under File exchange.',
    'demo.leave.ok': 'Leave the demo',
    'demo.leave.cancel': 'Cancel',
    'demo.left': 'You have left the demo. The demo data was kept as {path}',
    'demo.import.blocked':
      'No assignment file can be imported in demo mode: assignments go into your real data only. Leave the demo first (the button at the top of the page), then import the assignment file from the bureau.',
    'demo.export.blocked':
      'Demo data is never reported to the bureau, so no packet can be exported in demo mode. Leave the demo first (the button at the top of the page), import the assignment file from the bureau, then export.',
    'error.illegal_transition.demo_store':
      'This is demo data and cannot be exported: leave the demo first (the button at the top of the page; the demo is kept as a backup), import your assignment file, then export',
  },
);
