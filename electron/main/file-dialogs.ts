import { FOLDER_PURPOSES, type FilePurpose } from '@shared/operations/files.js';
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
  properties: ('openFile' | 'openDirectory' | 'createDirectory')[];
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
