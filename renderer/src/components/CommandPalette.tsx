import { AppstoreOutlined, ProjectOutlined } from '@ant-design/icons';
import { Empty, Input, Modal, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { ProjectSummary } from '@shared/operations';
import { translator } from '../i18n';
import { matchesSearch, moveHighlight, searchTerms } from '../screens/home/project-table';
import { useDesk, useT } from '../store';
import type { Route } from '../store/slices/app-slice';

type ScreenKey = 'home' | 'problems' | 'week' | 'sync' | 'settings';
const SCREENS: readonly ScreenKey[] = ['home', 'problems', 'week', 'sync', 'settings'];

/** What a screen is found by besides its label in both languages: its pinyin and pinyin initials. */
const SCREEN_PINYIN: Record<ScreenKey, string> = {
  home: 'wodexiangmu wdxm',
  problems: 'wentitaizhang wtta',
  week: 'benzhougongzuo bzgz zhoubao zb',
  sync: 'wenjianjiaohuan wjjh daoru daochu',
  settings: 'shezhi sz beifen bf huifu hf',
};
const zh = translator('zh-CN');
const en = translator('en');
const SCREEN_KEYWORDS: Record<ScreenKey, string> = Object.fromEntries(
  SCREENS.map((s) => [s, `${zh(`nav.${s}`)} ${en(`nav.${s}`)} ${SCREEN_PINYIN[s]}`.toLowerCase()]),
) as Record<ScreenKey, string>;

type PaletteItem = { kind: 'screen'; screen: ScreenKey } | { kind: 'project'; project: ProjectSummary };

/** At most this many projects are listed; the rest are counted ("type more"). */
const MAX_PROJECTS = 50;

/**
 * Ctrl/Cmd+K: jump to a project (name, company, code, pinyin, pinyin initials) or to a screen, entirely
 * from the keyboard: type, ↑/↓, Enter; Esc closes.
 */
export function CommandPalette() {
  const t = useT();
  const open = useDesk((s) => s.paletteOpen);
  const projects = useDesk((s) => s.projects);
  const { setPaletteOpen: setOpen, loadProjects, navigate, setHighlightedProject: setHighlighted } = useDesk.getState();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<InputRef>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open && projects === null) void loadProjects();
  }, [open, projects, loadProjects]);

  const { items, screenCount, more } = useMemo(() => {
    const terms = searchTerms(query);
    const screens: PaletteItem[] = SCREENS.filter((s) => terms.every((term) => SCREEN_KEYWORDS[s].includes(term))).map((screen) => ({
      kind: 'screen',
      screen,
    }));
    const matched = (projects ?? []).filter((p) => matchesSearch(p, terms));
    const shown: PaletteItem[] = matched.slice(0, MAX_PROJECTS).map((project) => ({ kind: 'project', project }));
    // Typing narrows to projects first: with a query, matching projects come before screens.
    const list = terms.length > 0 ? [...shown, ...screens] : [...screens, ...shown];
    return { items: list, screenCount: screens.length, more: Math.max(0, matched.length - MAX_PROJECTS) };
  }, [query, projects]);

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = () => {
    setOpen(false);
    setQuery('');
    setActive(0);
  };

  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    close();
    if (item.kind === 'screen') {
      navigate({ screen: item.screen } as Route);
    } else {
      setHighlighted(item.project.id);
      navigate({ screen: 'project', projectId: item.project.id });
    }
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((current) => moveHighlight(current, e.key === 'ArrowDown' ? 1 : -1, items.length));
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      setActive((current) => moveHighlight(current, e.key === 'PageDown' ? 8 : -8, items.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[active]);
    }
  };

  const hasQuery = searchTerms(query).length > 0;
  const projectStart = hasQuery ? 0 : screenCount;
  const screenStart = hasQuery ? items.length - screenCount : 0;

  return (
    <Modal
      open={open}
      onCancel={close}
      title={t('palette.title')}
      footer={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('palette.hint')}
        </Typography.Text>
      }
      width={640}
      destroyOnHidden
      afterOpenChange={(visible) => visible && inputRef.current?.focus()}
      styles={{ body: { paddingTop: 8 } }}
    >
      <Input
        ref={inputRef}
        autoFocus
        size="large"
        data-testid="palette-input"
        placeholder={t('palette.placeholder')}
        aria-label={t('palette.placeholder')}
        aria-controls="palette-list"
        aria-activedescendant={items.length > 0 ? `palette-item-${active}` : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div ref={listRef} id="palette-list" role="listbox" data-testid="palette-list" style={{ maxHeight: 420, overflowY: 'auto', marginTop: 12 }}>
        {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('palette.empty')} /> : null}
        {items.map((item, index) => {
          const heading =
            index === screenStart && screenCount > 0 && item.kind === 'screen'
              ? t('palette.screens')
              : index === projectStart && item.kind === 'project'
                ? t('palette.projects')
                : null;
          const selected = index === active;
          return (
            <div key={item.kind === 'screen' ? `s-${item.screen}` : item.project.id}>
              {heading ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, padding: '8px 12px 4px' }}>
                  {heading}
                </Typography.Text>
              ) : null}
              <div
                id={`palette-item-${index}`}
                data-index={index}
                data-testid="palette-item"
                data-kind={item.kind}
                role="option"
                aria-selected={selected}
                onMouseMove={() => setActive(index)}
                onClick={() => choose(item)}
                style={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 12,
                  padding: '8px 12px',
                  borderRadius: 6,
                  cursor: 'pointer',
                  background: selected ? '#e6f4ff' : undefined,
                }}
              >
                {item.kind === 'screen' ? (
                  <>
                    <AppstoreOutlined />
                    <span>{t('palette.goTo', { name: t(`nav.${item.screen}`) })}</span>
                  </>
                ) : (
                  <>
                    <ProjectOutlined />
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <Typography.Text ellipsis style={{ display: 'block' }}>
                        {item.project.name}
                      </Typography.Text>
                      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                        {item.project.code} · {item.project.company}
                      </Typography.Text>
                    </div>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`level.${item.project.level}`)}</Tag>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`stage.${item.project.stage}`)}</Tag>
                  </>
                )}
              </div>
            </div>
          );
        })}
        {more > 0 ? (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, padding: '8px 12px' }}>
            {t('palette.more', { count: more })}
          </Typography.Text>
        ) : null}
      </div>
    </Modal>
  );
}
