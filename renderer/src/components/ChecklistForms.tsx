import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type KeyboardEvent } from 'react';
import type { ChecklistItemView } from '@shared/operations';
import { MAX_UPLOAD_BYTES } from '@shared/operations/visits';
import { useDesk, useFormat, useT } from '../store';
import { readAsBase64 } from '../api/files';
import { declaredType, FilePicker, isImageOrPdf, type PickedFile } from './FilePicker';
import { refusalField, refusalMessage } from './refusal';
import { useToday as useDistrictToday } from './today';

interface Props {
  planYear: number;
  /** The item to act on; the dialog is open while it is set. */
  item: ChecklistItemView | null;
  onClose(): void;
}

/** Today as the store's clock has it (app.info), so the renderer and the service agree on "the future". */
export function useToday(): string {
  return useDistrictToday();
}

const ISO = 'YYYY-MM-DD';

/** Ctrl/Cmd+Enter anywhere in the form submits it (Enter alone makes a new line in the text areas). */
function submitOnCtrlEnter(submit: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
}

function FormFooter({ busy, submitLabel, onCancel, testId }: { busy: boolean; submitLabel: string; onCancel(): void; testId: string }) {
  const t = useT();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Typography.Text type="secondary" style={{ flex: 1, fontSize: 12 }}>
        {t('checklist.form.hint')}
      </Typography.Text>
      <Button onClick={onCancel}>{t('checklist.form.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={busy} data-testid={testId}>
        {submitLabel}
      </Button>
    </div>
  );
}

interface CloseOffValues {
  effectiveOn: Dayjs | null;
  note: string;
  attachment: PickedFile[];
}

/** 销号: the day it was done (today unless changed; not in the future, not before the plan year), evidence, a file. */
export function CloseOffModal({ planYear, item, onClose }: Props) {
  const t = useT();
  return (
    <Modal
      open={item !== null}
      title={item ? t('checklist.closeOff.title', { title: item.title }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
      data-testid="close-off-modal"
    >
      {item ? <CloseOffForm planYear={planYear} item={item} onClose={onClose} /> : null}
    </Modal>
  );
}

function CloseOffForm({ planYear, item, onClose }: Props & { item: ChecklistItemView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const today = useToday();
  const closeOffItem = useDesk((s) => s.closeOffItem);
  const [form] = Form.useForm<CloseOffValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const yearStart = `${planYear}-01-01`;

  const submit = async (values: CloseOffValues) => {
    setBusy(true);
    setError(null);
    try {
      const picked = values.attachment?.[0];
      await closeOffItem({
        itemId: item.id,
        effectiveOn: values.effectiveOn!.format(ISO),
        note: values.note,
        ...(picked ? { attachment: { fileName: picked.file.name, mimeType: declaredType(picked.file), dataBase64: await readAsBase64(picked.file) } } : {}),
      });
      message.success(t('checklist.closeOff.done', { title: item.title }));
      onClose();
    } catch (e) {
      const text = refusalMessage(t, e);
      const field = refusalField(e);
      if (field === 'effectiveOn' || field === 'note') form.setFields([{ name: field, errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<CloseOffValues>
      form={form}
      layout="vertical"
      initialValues={{ effectiveOn: dayjs(today), note: '', attachment: [] }}
      onFinish={(v) => void submit(v)}
      onKeyDown={submitOnCtrlEnter(() => form.submit())}
      data-testid="close-off-form"
    >
      <Form.Item
        name="effectiveOn"
        label={t('checklist.closeOff.date')}
        rules={[
          { required: true, message: t('checklist.required.date') },
          {
            validator: async (_, d: Dayjs | null) => {
              if (!d) return;
              if (d.format(ISO) > today) throw new Error(t('checklist.date.future'));
              if (d.format(ISO) < yearStart) throw new Error(t('checklist.date.beforeYear', { year: planYear }));
            },
          },
        ]}
      >
        <DatePicker
          allowClear={false}
          style={{ width: 200 }}
          disabledDate={(d) => d.format(ISO) > today || d.format(ISO) < yearStart}
          data-testid="close-off-date"
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('checklist.closeOff.note')}
        rules={[
          { required: true, whitespace: true, message: t('checklist.required.note') },
          { max: 2000, message: t('checklist.tooLong', { max: 2000 }) },
        ]}
      >
        <Input.TextArea autoFocus rows={4} showCount maxLength={2000} placeholder={t('checklist.closeOff.notePlaceholder')} data-testid="close-off-note" />
      </Form.Item>
      <Form.Item name="attachment" label={t('checklist.closeOff.attachment')}>
        <FilePicker
          accept="image/*,application/pdf"
          maxFiles={1}
          maxBytes={MAX_UPLOAD_BYTES}
          accepts={isImageOrPdf}
          label={t('files.choose')}
          hint={t('checklist.closeOff.attachmentHint', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 })}
          testId="close-off-attachment"
          disabled={busy}
        />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="close-off-error" /> : null}
      <FormFooter busy={busy} submitLabel={t('checklist.closeOff.submit')} onCancel={onClose} testId="close-off-submit" />
    </Form>
  );
}

interface ReopenValues {
  effectiveOn: Dayjs | null;
  reason: string;
}

/** Reopening a closed-off task: the day and the reason; the close-off stays in the history. */
export function ReopenModal({ planYear, item, onClose }: Props) {
  const t = useT();
  return (
    <Modal
      open={item !== null}
      title={item ? t('checklist.reopen.title', { title: item.title }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={520}
      data-testid="reopen-modal"
    >
      {item ? <ReopenForm planYear={planYear} item={item} onClose={onClose} /> : null}
    </Modal>
  );
}

function ReopenForm({ planYear, item, onClose }: Props & { item: ChecklistItemView }) {
  const t = useT();
  const f = useFormat();
  const { message } = AntApp.useApp();
  const today = useToday();
  const reopenItem = useDesk((s) => s.reopenItem);
  const [form] = Form.useForm<ReopenValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const earliest = [item.closedOffOn ?? '', `${planYear}-01-01`].sort().at(-1)!;

  const submit = async (values: ReopenValues) => {
    setBusy(true);
    setError(null);
    try {
      await reopenItem({ itemId: item.id, effectiveOn: values.effectiveOn!.format(ISO), reason: values.reason });
      message.success(t('checklist.reopen.done', { title: item.title }));
      onClose();
    } catch (e) {
      const text = refusalMessage(t, e);
      const field = refusalField(e);
      if (field === 'effectiveOn' || field === 'reason') form.setFields([{ name: field, errors: [text] }]);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ReopenValues>
      form={form}
      layout="vertical"
      initialValues={{ effectiveOn: dayjs(today), reason: '' }}
      onFinish={(v) => void submit(v)}
      onKeyDown={submitOnCtrlEnter(() => form.submit())}
      data-testid="reopen-form"
    >
      <Typography.Paragraph type="secondary">{t('checklist.reopen.keeps')}</Typography.Paragraph>
      <Form.Item
        name="effectiveOn"
        label={t('checklist.reopen.date')}
        rules={[
          { required: true, message: t('checklist.required.date') },
          {
            validator: async (_, d: Dayjs | null) => {
              if (!d) return;
              if (d.format(ISO) > today) throw new Error(t('checklist.date.future'));
              if (item.closedOffOn && d.format(ISO) < item.closedOffOn) throw new Error(t('checklist.date.beforeCloseOff', { date: f.date(item.closedOffOn) }));
              if (d.format(ISO) < `${planYear}-01-01`) throw new Error(t('checklist.date.beforeYear', { year: planYear }));
            },
          },
        ]}
      >
        <DatePicker allowClear={false} style={{ width: 200 }} disabledDate={(d) => d.format(ISO) > today || d.format(ISO) < earliest} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('checklist.reopen.reason')}
        rules={[
          { required: true, whitespace: true, message: t('checklist.required.reason') },
          { max: 2000, message: t('checklist.tooLong', { max: 2000 }) },
        ]}
      >
        <Input.TextArea autoFocus rows={3} showCount maxLength={2000} placeholder={t('checklist.reopen.reasonPlaceholder')} data-testid="reopen-reason" />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reopen-error" /> : null}
      <FormFooter busy={busy} submitLabel={t('checklist.reopen.submit')} onCancel={onClose} testId="reopen-submit" />
    </Form>
  );
}
