import { DatePicker, Form } from 'antd';
import { useMemo } from 'react';
import type { ProblemView } from '@shared/operations';
import { compareProblemEvents, DEFAULT_TIME_ZONE, localDay } from '@shared/rules';
import { useDesk, useT } from '../store';
import { dayRules } from './form-parts';

/**
 * The earliest day a new step of `problem` may carry: the day it was raised, or the day of its latest step
 * if later (a step never goes before the one it follows). The service checks the same (problem-step-moment.ts).
 */
export function useEarliestStepDay(problem: ProblemView): { day: string; reason: 'before_raised' | 'before_last_step' } {
  const zone = useDesk((s) => s.info?.timeZone) ?? DEFAULT_TIME_ZONE;
  return useMemo(() => {
    const last = [...problem.events].sort(compareProblemEvents).at(-1);
    const lastDay = last ? localDay(last.at, zone) : null;
    return lastDay !== null && lastDay > problem.raisedOn ? { day: lastDay, reason: 'before_last_step' } : { day: problem.raisedOn, reason: 'before_raised' };
  }, [problem, zone]);
}

/**
 * "发生日期": the day a problem step happened, today by default, never after today nor before `earliest`.
 * Required: a form with it empty is not submitted (antd validates before onFinish, Enter included).
 */
export function HappenedOnField({ today, earliest }: { today: string; earliest: { day: string; reason: 'before_raised' | 'before_last_step' } }) {
  const t = useT();
  return (
    <Form.Item
      name="happenedOn"
      label={t('problemDay.field')}
      extra={t('problemDay.hint')}
      rules={dayRules(t('problemDay.required'), (day) =>
        day > today ? t('problemDay.after_today') : day < earliest.day ? t(`problemDay.${earliest.reason}`, { day: earliest.day }) : null,
      )}
    >
      {/* No disabledDate: a typed day outside the range must be refused with its reason, not silently replaced by
          the previous value when Enter submits the form. */}
      <DatePicker style={{ width: 200 }} data-testid="act-happened-on" />
    </Form.Item>
  );
}
