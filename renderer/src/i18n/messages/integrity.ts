import { defineMessages } from './define';

/** The store's background integrity check (issue 11): Settings says when it last ran; a failure warns on every screen. */
export const integrityMessages = defineMessages(
  {
    'integrity.title': '数据完整性检查',
    'integrity.never': '尚未检查。启动后会在后台检查一次，之后每天一次，不影响使用。',
    'integrity.ok': '{at} 检查通过',
    'integrity.failed': '{at} 检查发现数据文件损坏',
    'integrity.hint': '完整检查逐页核对数据文件，在后台进行，每天一次；打开数据时只做快速检查。',
    'integrity.warning.title': '数据文件检查未通过',
    'integrity.warning.text':
      '后台检查（{at}）发现数据文件已损坏，部分记录可能无法读取或保存。请先在“设置 → 完整备份（含照片）”备份一次，再从最近一份正常的备份恢复；需要时联系局里的信息化人员。',
    'integrity.warning.details': '检查结果：{findings}',
  },
  {
    'integrity.title': 'Integrity check',
    'integrity.never': 'Not checked yet. It runs in the background after start and then once a day, without getting in your way.',
    'integrity.ok': 'Passed on {at}',
    'integrity.failed': 'On {at} the check found the data file damaged',
    'integrity.hint': 'The full check reads every page of the data file, in the background, once a day; opening the data does only a quick check.',
    'integrity.warning.title': 'The data file failed its check',
    'integrity.warning.text':
      "The background check ({at}) found the data file damaged: some records may not read or save. First make a backup in Settings → Full backup (with photos), then restore from the latest good backup; ask the bureau's IT staff if needed.",
    'integrity.warning.details': 'What the check found: {findings}',
  },
);
