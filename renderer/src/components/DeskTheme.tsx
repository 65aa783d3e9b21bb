import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Language } from '@shared/domain';
import type { ReactNode } from 'react';

/** The system's own CJK fonts: nothing is fetched, so the app works offline. */
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

/** antd's locale, fonts and button spacing, the same for both desks and the choice between them. */
export function DeskTheme({ language, children }: { language: Language; children: ReactNode }) {
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={{ token: { fontFamily: FONT_FAMILY } }} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
