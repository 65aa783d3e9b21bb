import { Tag, Timeline, Typography } from 'antd';
import { useMemo } from 'react';
import type { ProblemEvent } from '@shared/domain';
import type { ProblemView } from '@shared/operations';
import { compareProblemEvents, DEFAULT_TIME_ZONE, localDay } from '@shared/rules';
import type { MessageKey } from '../i18n';
import { useDeskLanguage, useDeskTimeZone, useT } from '../store';
import { useDateTime } from './date-time';

const ACTION_COLOR: Record<ProblemEvent['action'], string> = {
  dispatch: 'blue',
  coordinate: 'blue',
  resolve: 'green',
  verify_close: 'green',
  reopen: 'red',
  note: 'gray',
};

/**
 * The whole history of a problem in merged order: who did what and when, with the note, department and
 * resolution. An event the merge could not apply (two sides acting at once) stays visible, greyed, with why.
 */
export function ProblemTimeline({ problem }: { problem: ProblemView }) {
  const t = useT();
  const when = useDateTime();
  const zone = useDeskTimeZone() ?? DEFAULT_TIME_ZONE;
  const language = useDeskLanguage();
  const dayOf = useMemo(() => {
    const fmt = new Intl.DateTimeFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric' });
    return (iso: string) => fmt.format(new Date(iso));
  }, [language, zone]);
  // A step entered on a later day than it happened shows the day it happened and when it was entered.
  const stepTime = (e: ProblemEvent) =>
    e.recordedAt && localDay(e.recordedAt, zone) !== localDay(e.at, zone)
      ? t('problemDay.byBackdated', { by: e.by, day: dayOf(e.at), entered: when(e.recordedAt) })
      : t('problem.event.by', { by: e.by, when: when(e.at) });
  const skipped = new Set(problem.skippedEventIds);
  const events = [...problem.events].sort(compareProblemEvents);

  const line = (text: string, testId?: string) => (
    <div data-testid={testId} style={{ whiteSpace: 'pre-wrap' }}>
      {text}
    </div>
  );

  return (
    <Timeline
      data-testid="problem-timeline"
      items={[
        {
          key: 'raised',
          color: 'orange',
          content: (
            <div data-testid="timeline-event" data-action="raised">
              <Typography.Text strong>{t('problem.event.raised')}</Typography.Text>
              <div>
                <Typography.Text type="secondary">{t('problem.event.by', { by: problem.raisedBy, when: when(problem.recordedAt) })}</Typography.Text>{' '}
                {problem.origin === 'bureau' ? <Tag>{t('problem.event.bureau')}</Tag> : null}
              </div>
            </div>
          ),
        },
        ...events.map((e) => {
          const isSkipped = skipped.has(e.id);
          const title =
            e.action === 'dispatch' ? t('problem.event.dispatch', { department: e.department ?? '' }) : t(`problem.event.${e.action}` as MessageKey);
          return {
            key: e.id,
            color: isSkipped ? 'gray' : ACTION_COLOR[e.action],
            content: (
              <div
                data-testid="timeline-event"
                data-action={e.action}
                data-skipped={isSkipped ? 'true' : undefined}
                style={isSkipped ? { opacity: 0.55 } : undefined}
              >
                <Typography.Text strong delete={isSkipped}>
                  {title}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" data-testid="timeline-when">
                    {stepTime(e)}
                  </Typography.Text>{' '}
                  {e.origin === 'bureau' ? <Tag>{t('problem.event.bureau')}</Tag> : null}
                </div>
                {e.action === 'resolve' && e.resolution ? line(t('problem.event.resolution', { text: e.resolution }), 'timeline-resolution') : null}
                {e.note ? line(e.action === 'reopen' ? t('problem.event.reason', { text: e.note }) : e.note, 'timeline-note') : null}
                {isSkipped ? (
                  <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="timeline-skipped">
                    {t('problem.event.skipped')}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          };
        }),
      ]}
    />
  );
}
