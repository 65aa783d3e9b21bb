import { FOLDER_PURPOSES, type FilePurpose } from '@shared/operations/files.js';
import { BUREAU_FOLDER_PURPOSES, type BureauFilePurpose } from '@shared/operations/bureau-files.js';
import type { BureauFileChooser } from '../bureau/page-files.js';
import type { FileChooser } from '../files/file-handles.js';
import type { MenuLanguage } from './menu.js';

/**
 * The desktop's native open dialogs, the only way a file or folder of the officer's disk reaches the page:
 * the main process shows the dialog, and the services hand the page a handle to the answer (file-handles.ts).
 * Pure options here (tested without Electron); index.ts passes Electron's `dialog` and the window.
 */

export interface OpenDialogOptionsLike {
  title: string;
  buttonLabel: string;
  properties: ('openFile' | 'openDirectory' | 'createDirectory' | 'multiSelections')[];
  filters?: { name: string; extensions: string[] }[];
}

/** The part of Electron's `dialog` used here. */
export interface DialogLike {
  showOpenDialog(window: unknown, options: OpenDialogOptionsLike): Promise<{ canceled: boolean; filePaths: string[] }>;
}

const TEXT = {
  'zh-CN': {
    assignment: { title: '选择局里下发的任务文件', button: '打开', filter: '任务文件' },
    exportFolder: { title: '选择周报保存的文件夹', button: '选择文件夹', filter: '' },
    backupFolder: { title: '选择完整备份保存的文件夹（如U盘）', button: '选择文件夹', filter: '' },
    backupFile: { title: '选择要恢复的完整备份文件', button: '打开', filter: '完整备份' },
  },
  en: {
    assignment: { title: 'Choose the assignment file from the bureau', button: 'Open', filter: 'Assignment files' },
    exportFolder: { title: 'Choose the folder for the weekly packet', button: 'Choose folder', filter: '' },
    backupFolder: { title: 'Choose the folder for the full backup (a USB stick)', button: 'Choose folder', filter: '' },
    backupFile: { title: 'Choose the full backup to restore', button: 'Open', filter: 'Full backups' },
  },
} as const;

export function dialogOptions(purpose: FilePurpose, language: MenuLanguage): OpenDialogOptionsLike {
  const text = TEXT[language][purpose];
  if (FOLDER_PURPOSES.includes(purpose)) return { title: text.title, buttonLabel: text.button, properties: ['openDirectory', 'createDirectory'] };
  return { title: text.title, buttonLabel: text.button, properties: ['openFile'], filters: [{ name: text.filter, extensions: ['zip'] }] };
}

/** The chooser the services call for files.choose: one dialog, modal to the app window; null when cancelled. */
export function createFileChooser(dialog: DialogLike, window: () => unknown, language: () => MenuLanguage): FileChooser {
  return async (purpose) => {
    const answer = await dialog.showOpenDialog(window(), dialogOptions(purpose, language()));
    return answer.canceled || answer.filePaths.length === 0 ? null : answer.filePaths[0]!;
  };
}

/** The bureau desk's dialogs: what each is for, and the files it offers. */
const BUREAU_TEXT = {
  'zh-CN': {
    masterList: { title: '选择项目清单（Excel 或 CSV）', button: '打开', filter: '项目清单' },
    packets: { title: '选择帮包责任人报来的工作包（可多选）', button: '打开', filter: '工作包' },
    packetFolder: { title: '选择放有工作包的文件夹', button: '选择文件夹', filter: '' },
    officerKey: { title: '选择帮包责任人的公钥文件', button: '打开', filter: '公钥文件' },
    bureauBackup: { title: '选择要恢复的局端备份', button: '打开', filter: '局端备份' },
    outputFolder: { title: '选择保存到的文件夹（如U盘）', button: '选择文件夹', filter: '' },
  },
  en: {
    masterList: { title: 'Choose the master list (Excel or CSV)', button: 'Open', filter: 'Master lists' },
    packets: { title: 'Choose the weekly packets from the officers (several at once)', button: 'Open', filter: 'Weekly packets' },
    packetFolder: { title: 'Choose the folder holding weekly packets', button: 'Choose folder', filter: '' },
    officerKey: { title: "Choose the officer's public key file", button: 'Open', filter: 'Public keys' },
    bureauBackup: { title: 'Choose the bureau backup to restore', button: 'Open', filter: 'Bureau backups' },
    outputFolder: { title: 'Choose the folder to save to (a USB stick)', button: 'Choose folder', filter: '' },
  },
} as const;

const BUREAU_EXTENSIONS: Record<Exclude<BureauFilePurpose, 'packetFolder' | 'outputFolder'>, string[]> = {
  masterList: ['xlsx', 'csv'],
  packets: ['zip'],
  officerKey: ['pub', 'pem'],
  bureauBackup: ['sqlite', 'db'],
};

export function bureauDialogOptions(purpose: BureauFilePurpose, language: MenuLanguage): OpenDialogOptionsLike {
  const text = BUREAU_TEXT[language][purpose];
  if (BUREAU_FOLDER_PURPOSES.includes(purpose)) return { title: text.title, buttonLabel: text.button, properties: ['openDirectory', 'createDirectory'] };
  const extensions = BUREAU_EXTENSIONS[purpose as keyof typeof BUREAU_EXTENSIONS];
  const properties: OpenDialogOptionsLike['properties'] = purpose === 'packets' ? ['openFile', 'multiSelections'] : ['openFile'];
  return { title: text.title, buttonLabel: text.button, properties, filters: [{ name: text.filter, extensions }] };
}

/** The chooser the bureau desk's bureau.files.choose calls: one dialog, modal to the app window; null when cancelled. */
export function createBureauFileChooser(dialog: DialogLike, window: () => unknown, language: () => MenuLanguage): BureauFileChooser {
  return async (purpose) => {
    const answer = await dialog.showOpenDialog(window(), bureauDialogOptions(purpose, language()));
    return answer.canceled || answer.filePaths.length === 0 ? null : answer.filePaths;
  };
}
