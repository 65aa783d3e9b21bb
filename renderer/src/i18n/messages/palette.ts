import { defineMessages } from './define';

/** The Ctrl/Cmd+K command palette. */
export const paletteMessages = defineMessages(
  {
    'palette.title': '快速跳转',
    'palette.placeholder': '输入项目名称、编码、拼音首字母或功能名称',
    'palette.screens': '功能',
    'palette.projects': '项目',
    'palette.goTo': '转到：{name}',
    'palette.empty': '没有匹配的项目或功能',
    'palette.more': '还有 {count} 个项目匹配，请输入更多字词缩小范围',
    'palette.hint': '↑↓ 选择 · Enter 打开 · Esc 关闭',
  },
  {
    'palette.title': 'Jump to',
    'palette.placeholder': 'Type a project name, code, pinyin initials or a screen',
    'palette.screens': 'Screens',
    'palette.projects': 'Projects',
    'palette.goTo': 'Go to: {name}',
    'palette.empty': 'No project or screen matches',
    'palette.more': '{count, plural, one {# more project matches} other {# more projects match}}; type more to narrow down',
    'palette.hint': '↑↓ select · Enter open · Esc close',
  },
);
