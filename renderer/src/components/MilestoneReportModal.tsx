import { App as AntApp, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MilestoneView } from '@shared/operations';
import { ApiError } from '../api/client';
import { useDesk, useFormat, useT } from '../store';
import { ErrorAlert } from './ErrorNotice';
import { dayRules, FormFooter, FormModal, submitOnCtrlEnter, useSave } from './form-parts';
import { useToday } from './today';

interface ReportValues {
  reachedOn: Dayjs | null;
  note: string;
}

/**
 * "Reached on …" for a milestone of the wall chart, with a note. A second report corrects the date; the earlier
 * one stays in the history. Enter saves (Ctrl+Enter in the note), Esc closes.
 */
export function MilestoneReportModal({ milestone, onClose }: { milestone: MilestoneView | null; onClose(): void }) {
  const t = useT();
  return (
    <FormModal
      open={milestone !== null}
      title={milestone && t('milestone.report.title', { title: milestone.title })}
      width={480}
      testId="milestone-modal"
      onClose={onClose}
    >
      <ReportForm milestone={milestone!} onClose={onClose} />
    </FormModal>
  );
}

function ReportForm({ milestone, onClose }: { milestone: MilestoneView; onClose(): void }) {
  const t = useT();
  const f = useFormat();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReportValues>();
  const reportMilestone = useDesk((s) => s.reportMilestone);
  const today = useToday();
  const { busy, error, submit } = useSave<ReportValues>(
    async (v) => {
      const reachedOn = v.reachedOn!.format('YYYY-MM-DD');
      await reportMilestone({ milestoneId: milestone.id, reachedOn, note: v.note ?? '' });
      message.success(t('milestone.saved', { title: milestone.title, date: f.date(reachedOn) }));
      onClose();
    },
    (e) => {
      if (e instanceof ApiError && e.shape.issues[0]?.path === 'reachedOn') form.setFields([{ name: 'reachedOn', errors: [t('milestone.future')] }]);
    },
  );

  return (
    <Form<ReportValues>
      form={form}
      name="milestone"
      layout="vertical"
      initialValues={{ reachedOn: dayjs(milestone.reachedOn ?? today), note: '' }}
      onFinish={submit}
    >
      <Form.Item
        name="reachedOn"
        label={t('milestone.reachedOn')}
        rules={dayRules(t('milestone.required.reachedOn'), (day) => (day > today ? t('milestone.future') : null))}
      >
        <DatePicker autoFocus style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
      </Form.Item>
      <Form.Item name="note" label={t('milestone.note')} rules={[{ max: 2000, message: t('milestone.tooLong', { max: 2000 }) }]}>
        <Input.TextArea rows={3} maxLength={2000} onKeyDown={submitOnCtrlEnter(form)} />
      </Form.Item>
      <ErrorAlert error={error} />
      <FormFooter busy={busy} cancelLabel={t('milestone.cancel')} submitLabel={t('milestone.submit')} onCancel={onClose} testId="milestone-submit" />
    </Form>
  );
}
