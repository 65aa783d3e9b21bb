import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { MilestoneView } from '@shared/operations';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n';
import { useDesk, useFormat, useT } from '../store';
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
    <Modal
      open={milestone !== null}
      title={milestone ? t('milestone.report.title', { title: milestone.title }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={480}
      data-testid="milestone-modal"
    >
      {milestone ? <ReportForm milestone={milestone} onClose={onClose} /> : null}
    </Modal>
  );
}

function ReportForm({ milestone, onClose }: { milestone: MilestoneView; onClose(): void }) {
  const t = useT();
  const f = useFormat();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReportValues>();
  const [busy, setBusy] = useState(false);
  // One save per submit: Enter pressed twice, or Enter then a click, must not write twice.
  const inFlight = useRef(false);
  const [error, setError] = useState<unknown>(null);
  const reportMilestone = useDesk((s) => s.reportMilestone);
  const today = useToday();

  const submit = async (v: ReportValues) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const reachedOn = v.reachedOn!.format('YYYY-MM-DD');
      await reportMilestone({ milestoneId: milestone.id, reachedOn, note: v.note ?? '' });
      message.success(t('milestone.saved', { title: milestone.title, date: f.date(reachedOn) }));
      onClose();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.shape.issues[0]?.path === 'reachedOn') form.setFields([{ name: 'reachedOn', errors: [t('milestone.future')] }]);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Form<ReportValues>
      form={form}
      name="milestone"
      layout="vertical"
      initialValues={{ reachedOn: dayjs(milestone.reachedOn ?? today), note: '' }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item
        name="reachedOn"
        label={t('milestone.reachedOn')}
        rules={[
          { required: true, message: t('milestone.required.reachedOn') },
          {
            validator: (_, value: Dayjs | null) =>
              value && value.format('YYYY-MM-DD') > today ? Promise.reject(new Error(t('milestone.future'))) : Promise.resolve(),
          },
        ]}
      >
        <DatePicker autoFocus style={{ width: 200 }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
      </Form.Item>
      <Form.Item name="note" label={t('milestone.note')} rules={[{ max: 2000, message: t('milestone.tooLong', { max: 2000 }) }]}>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        />
      </Form.Item>
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error instanceof ApiError ? errorMessage(t, error.shape) : String(error)} />
      ) : null}
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('milestone.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="milestone-submit">
          {t('milestone.submit')}
        </Button>
      </div>
    </Form>
  );
}
