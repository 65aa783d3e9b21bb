import { defineMessages } from './define';

/** Replacing the pinned bureau key on 文件交换 (screens/sync/BureauKeyCard.tsx): both fingerprints and a check by phone. */
export const bureauKeyMessages = defineMessages(
  {
    'bureauKey.replace.title': '更换局里公钥？',
    'bureauKey.replace.intro': '本机已信任局里的另一把公钥。只有局里确实更换了公钥时才应更换：换成伪造的公钥，伪造的任务文件就会被导入。',
    'bureauKey.replace.old': '原公钥指纹（正在使用）',
    'bureauKey.replace.new': '新公钥指纹（所选文件）',
    'bureauKey.replace.phone':
      '确认前请打电话给局里（用您原来就知道的号码，不要用随文件发来的号码），请对方逐组念出新公钥的指纹，与上面的新指纹逐组核对。完全一致才确认更换；不一致，请取消并告诉局里。',
    'bureauKey.replace.ok': '已电话核对，确认更换',
    'bureauKey.replaced': '已更换局里公钥，新指纹：{fingerprint}。原公钥（{previous}）已停用，记录保留。',
  },
  {
    'bureauKey.replace.title': 'Replace the bureau key?',
    'bureauKey.replace.intro':
      'This desk already trusts another key of the bureau. Replace it only if the bureau really changed its key: with a forged key, forged assignment files would be imported.',
    'bureauKey.replace.old': 'Old key fingerprint (in use)',
    'bureauKey.replace.new': 'New key fingerprint (chosen file)',
    'bureauKey.replace.phone':
      'Before confirming, phone the bureau (on the number you already know, not one sent with the file) and have them read the new fingerprint out group by group; compare each group with the new fingerprint above. Confirm only if all match; if not, cancel and tell the bureau.',
    'bureauKey.replace.ok': 'Checked by phone: replace',
    'bureauKey.replaced': 'Bureau key replaced; new fingerprint: {fingerprint}. The old key ({previous}) is no longer trusted; its record is kept.',
  },
);
