import { defineMessages } from './define';

/** Full backups (database and photos in one file) to a USB stick or a download, and restoring one (issue 13 point 8). */
export const fullBackupMessages = defineMessages(
  {
    'fullBackup.title': '完整备份（含照片）',
    'fullBackup.hint':
      '把数据库和全部照片、附件打包成一个文件，存到U盘或另一个文件夹，换电脑时可在新电脑上恢复。设有密码时，备份内的数据仍是加密的，照片仍是密封的，恢复时需输入同一密码。',
    'fullBackup.toFolder': '备份到文件夹（如U盘）…',
    'fullBackup.toDownload': '生成完整备份并下载',
    'fullBackup.created': '完整备份已写好：{file}（{files} 个照片和附件文件）',
    'fullBackup.createdProtected': '备份内的数据已加密，恢复时需输入密码。',
    'fullBackup.download': '下载完整备份',
    'fullBackup.restore': '从备份文件恢复…',
    'fullBackup.restoreUpload': '选择备份文件恢复…',
    'fullBackup.confirmTitle': '从备份文件 {file} 恢复？',
    'fullBackup.confirmBody':
      '先逐一校验备份内每个文件的 SHA-256 和数据库的完整性，全部无误才替换。当前数据会先另存为一份「恢复前自动保留」的备份，可随时再恢复回来。',
    'fullBackup.passphrase': '备份的密码（备份设有密码时填写）',
    'fullBackup.confirmOk': '校验并恢复',
    'fullBackup.cancel': '取消',
    'fullBackup.restored': '已从 {file} 恢复，共 {files} 个照片和附件文件；原数据已另存为 {kept}',
    'fullBackup.receiving': '正在读取文件…',
    'fullBackup.tooLarge': '备份文件超过 {mb} MB，网页预览无法上传；请在桌面版中用「从备份文件恢复」选择它',
    'error.store_locked.backup_needs_passphrase': '该备份设有密码：请在恢复时输入备份时使用的密码',
    'error.invalid_input.not_a_backup': '所选文件不是帮包工作台的完整备份，数据未改动。请选择名为 sponsor-desk-backup-….zip 的文件',
    'error.database_corrupt.backup_damaged': '备份文件已损坏（{file} 与校验值不符或缺失），数据未改动。请换用另一份备份',
    'error.database_corrupt.backup_protected': '备份无法打开：文件已损坏，或设有密码（请输入备份的密码）。数据未改动',
    'error.invalid_input.backup_no_space': '所选文件夹（U盘）空间不足，备份未写入。请换一个空间更大的位置',
    'error.not_found.backup_folder': '找不到所选的文件夹（U盘是否已拔出？），请重新选择',
    'error.invalid_input.backup_is_archive': '这是完整备份，请用「从备份文件恢复」',
  },
  {
    'fullBackup.title': 'Full backup (with photos)',
    'fullBackup.hint':
      'Packs the database and every photo and attachment into one file for a USB stick or another folder, to restore on another computer. With a passphrase, the data in the backup stays encrypted and the photos sealed: restoring asks for the same passphrase.',
    'fullBackup.toFolder': 'Back up to a folder (USB stick)…',
    'fullBackup.toDownload': 'Make a full backup and download it',
    'fullBackup.created': 'Full backup written: {file} ({files} photo and attachment files)',
    'fullBackup.createdProtected': 'The data in the backup is encrypted: restoring it asks for the passphrase.',
    'fullBackup.download': 'Download the full backup',
    'fullBackup.restore': 'Restore from a backup file…',
    'fullBackup.restoreUpload': 'Choose a backup file to restore…',
    'fullBackup.confirmTitle': 'Restore from the backup file {file}?',
    'fullBackup.confirmBody':
      'Every file in the backup is checked against its SHA-256 and the database for integrity first; only then is anything replaced. Your current data is first saved as a "kept before a restore" backup, so you can go back to it.',
    'fullBackup.passphrase': 'The backup’s passphrase (if it has one)',
    'fullBackup.confirmOk': 'Check and restore',
    'fullBackup.cancel': 'Cancel',
    'fullBackup.restored': 'Restored from {file} with {files} photo and attachment files; your previous data was saved as {kept}',
    'fullBackup.receiving': 'Reading the file…',
    'fullBackup.tooLarge':
      'The backup file is larger than {mb} MB, more than the preview can upload; restore it in the desktop app with "Restore from a backup file"',
    'error.store_locked.backup_needs_passphrase': 'This backup is protected: enter the passphrase it was made with',
    'error.invalid_input.not_a_backup': 'The file is not a Sponsor Desk full backup; nothing was changed. Choose a file named sponsor-desk-backup-….zip',
    'error.database_corrupt.backup_damaged':
      'The backup file is damaged ({file} is missing or does not match its checksum); nothing was changed. Use another backup',
    'error.database_corrupt.backup_protected': 'The backup cannot be opened: it is damaged, or protected (enter its passphrase). Nothing was changed',
    'error.invalid_input.backup_no_space': 'The folder (USB stick) has no room for the backup; nothing was written. Choose a place with more space',
    'error.not_found.backup_folder': 'The chosen folder is not there (was the USB stick removed?); choose it again',
    'error.invalid_input.backup_is_archive': 'This is a full backup: use "Restore from a backup file"',
  },
);
