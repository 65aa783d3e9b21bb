import { App as AntApp, Typography } from 'antd';
import { Fragment, useCallback, type ReactNode } from 'react';
import type { OverviewFigure, OverviewScope } from '@shared/operations/bureau-overview';
import type { MessageKey } from '../../i18n';
import { bureauErrorText } from '../error-text';
import { useBureau, useBureauT } from '../store';

/** The words for a scope: a group of the summary, or the unit's or leader's own name. */
export function useScopeName(): (scope: OverviewScope) => string {
  const t = useBureauT();
  return useCallback((scope) => (scope.kind === 'unit' || scope.kind === 'leader' ? scope.name : t(`bureauDesk.overview.group.${scope.kind}`)), [t]);
}

/** Opens the rows behind a figure (bureau.overview.rowsBehind); a failure is said in a message and changes nothing. */
export function useOpenRowsBehind(): (scope: OverviewScope, figure: OverviewFigure) => void {
  const t = useBureauT();
  const scopeName = useScopeName();
  const { message } = AntApp.useApp();
  return useCallback(
    (scope, figure) =>
      void useBureau
        .getState()
        .openRowsBehind(scope, figure, `${scopeName(scope)} · ${t(`bureauDesk.overview.figure.${figure}`)}`)
        .catch((error: unknown) => void message.error(bureauErrorText(t, error))),
    [t, scopeName, message],
  );
}

/**
 * A figure of the overview as a link to the rows behind it: a click opens the project table or the problem
 * ledger on exactly the projects or problems the figure counts.
 */
export function FigureLink({ scope, figure, children, testId }: { scope: OverviewScope; figure: OverviewFigure; children: ReactNode; testId?: string }) {
  const open = useOpenRowsBehind();
  return (
    <Typography.Link
      data-testid={testId}
      data-figure={figure}
      data-scope={scope.kind}
      onClick={() => open(scope, figure)}
      style={{ color: 'inherit', fontSize: 'inherit', textDecoration: 'underline dotted', textUnderlineOffset: 3 }}
    >
      {children}
    </Typography.Link>
  );
}

const MARK = '\u0000';

/**
 * A translated sentence whose numbers are links: each named parameter goes through `t` as a marker and comes
 * back as its element, so the words stay the message's own in either language.
 */
export function LinkedText({ message, links }: { message: MessageKey; links: Record<string, ReactNode> }) {
  const t = useBureauT();
  const parts = t(message, Object.fromEntries(Object.keys(links).map((k) => [k, `${MARK}${k}${MARK}`]))).split(MARK);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{i % 2 === 1 ? links[part] : part}</Fragment>
      ))}
    </>
  );
}

/** One number of a sentence: its figure, its value, its test id and, when not the sentence's, its scope. */
export type FigureLinkSpec = [figure: OverviewFigure, value: ReactNode, testId: string, scope?: OverviewScope];

/** A translated sentence whose named numbers are figure links (LinkedText with a FigureLink for each). */
export function LinkedFigures({ message, scope, links }: { message: MessageKey; scope: OverviewScope; links: Record<string, FigureLinkSpec> }) {
  const elements = Object.fromEntries(
    Object.entries(links).map(([name, [figure, value, testId, own]]) => [
      name,
      <FigureLink scope={own ?? scope} figure={figure} testId={testId}>
        {value}
      </FigureLink>,
    ]),
  );
  return <LinkedText message={message} links={elements} />;
}
