import { describe, expect, it } from 'vitest';
import { useBureauStore } from '../helpers/bureau-store.js';

/**
 * The bureau store's project page (renderer/src/bureau/slices/project-page-slice.ts) against a transport that
 * records every call: the page asks bureau.projects.get for its project and the overview's month, a problem step
 * reloads it while it is shown (and not once it is closed), and the rows behind an overview figure are shown in the
 * table rather than under a page left open.
 */

const calls: { name: string; input: unknown }[] = [];

const store = useBureauStore(async (name, input) => {
  calls.push({ name, input });
  return { ok: true, value: name === 'bureau.projects.get' ? { project: { id: (input as { project: string }).project } } : {} };
});

const named = (name: string) => calls.filter((c) => c.name === name);

describe('the bureau project page in the store', () => {
  it('loads its project for the overview’s month, and a problem step reloads it while it is shown', async () => {
    const bureau = store().useBureau.getState();
    store().useBureau.setState({ asOfMonth: '2026-10' });
    bureau.openProjectPage('p-1');
    expect(store().useBureau.getState().projectPage).toBeNull();
    await bureau.loadProjectPage();
    expect(named('bureau.projects.get').map((c) => c.input)).toEqual([{ project: 'p-1', asOfMonth: '2026-10' }]);
    expect(store().useBureau.getState().projectPage?.project.id).toBe('p-1');

    calls.length = 0;
    await bureau.actOnProblem({ problem: 'problem-1', action: 'note', note: 'called the department' });
    expect(named('bureau.projects.get')).toHaveLength(1);

    bureau.closeProjectPage();
    calls.length = 0;
    await bureau.actOnProblem({ problem: 'problem-1', action: 'note', note: 'again' });
    expect(named('bureau.projects.get')).toHaveLength(0);
  });

  it('the rows behind an overview figure close a page left open, so the table shows them', () => {
    const bureau = store().useBureau.getState();
    bureau.openProjectPage('p-2');
    bureau.showProjects({ label: '省级', ids: ['p-2', 'p-3'] });
    expect(store().useBureau.getState()).toMatchObject({ projectPageId: null, projectPage: null, screen: 'projects' });
  });

  it('the menu’s 项目库 shows the table again from an open page; another screen leaves the page for the way back', () => {
    const bureau = store().useBureau.getState();
    bureau.openProjectPage('p-4');
    bureau.navigate('problems');
    expect(store().useBureau.getState().projectPageId).toBe('p-4');
    bureau.navigate('projects');
    expect(store().useBureau.getState()).toMatchObject({ projectPageId: null, screen: 'projects' });
  });
});
