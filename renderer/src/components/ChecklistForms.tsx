import { App as AntApp, DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ComponentType } from 'react';
import type { ChecklistItemView } from '@shared/operations';
import { useDesk, useFormat, useT } from '../store';
import { readAsBase64 } from '../api/files';
import { ErrorAlert } from './ErrorNotice';
import { declaredType, evidenceFile, FilePicker, type PickedFile } from './FilePicker';
import { dayRules, FormFooter, FormModal, submitOnCtrlEnter, textRules, useSave } from './form-parts';
import { refusalMessage, refusalOnField } from './refusal';
import { useToday as useDistrictToday } from './today';

interface Props {
  planYear: number;
  /** The item to act on; the dialog is open while it is set. */
  item: ChecklistItemView | null;
  onClose(): void;
}
type FormProps = Props & { item: ChecklistItemView };

/** Today as the store's clock has it (app.info), so the renderer and the service agree on "the future". */
export function useToday(): string {
  return useDistrictToday();
}

const ISO = 'YYYY-MM-DD';

interface CloseOffValues {
  effectiveOn: Dayjs | null;
  note: string;
  attachment: PickedFile[];
}

/** 销号: the day it was done (today unless changed; not in the future, not before the plan year), evidence, a file. */
function CloseOffForm({ planYear, item, onClose }: FormProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const today = useToday();
  const closeOffItem = useDesk((s) => s.closeOffItem);
  const [form] = Form.useForm<CloseOffValues>();
  const yearStart = `${planYear}-01-01`;
  const { busy, error, submit } = useSave<CloseOffValues>(
    async (values) => {
      const picked = values.attachment?.[0];
      await closeOffItem({
        itemId: item.id,
        effectiveOn: values.effectiveOn!.format(ISO),
        note: values.note,
        ...(picked ? { attachment: { fileName: picked.file.name, mimeType: declaredType(picked.file), dataBase64: await readAsBase64(picked.file) } } : {}),
      });
      message.success(t('checklist.closeOff.done', { title: item.title }));
      onClose();
    },
    refusalOnField(t, form, ['effectiveOn', 'note']),
  );

  return (
    <Form<CloseOffValues>
      form={form}
      layout="vertical"
      initialValues={{ effectiveOn: dayjs(today), note: '', attachment: [] }}
      onFinish={submit}
      onKeyDown={submitOnCtrlEnter(form)}
      data-testid="close-off-form"
    >
      <Form.Item
        name="effectiveOn"
        label={t('checklist.closeOff.date')}
        rules={dayRules(t('checklist.required.date'), (day) =>
          day > today ? t('checklist.date.future') : day < yearStart ? t('checklist.date.beforeYear', { year: planYear }) : null,
        )}
      >
        <DatePicker
          allowClear={false}
          style={{ width: 200 }}
          disabledDate={(d) => d.format(ISO) > today || d.format(ISO) < yearStart}
          data-testid="close-off-date"
        />
      </Form.Item>
      <Form.Item name="note" label={t('checklist.closeOff.note')} rules={textRules(2000, t('checklist.tooLong', { max: 2000 }), t('checklist.required.note'))}>
        <Input.TextArea autoFocus rows={4} showCount maxLength={2000} placeholder={t('checklist.closeOff.notePlaceholder')} data-testid="close-off-note" />
      </Form.Item>
      <Form.Item name="attachment" label={t('checklist.closeOff.attachment')}>
        <FilePicker {...evidenceFile(t)} testId="close-off-attachment" disabled={busy} />
      </Form.Item>
      <FormEnd form="close-off" busy={busy} error={error} submitLabel={t('checklist.closeOff.submit')} onClose={onClose} />
    </Form>
  );
}

interface ReopenValues {
  effectiveOn: Dayjs | null;
  reason: string;
}

/** Reopening a closed-off task: the day and the reason; the close-off stays in the history. */
function ReopenForm({ planYear, item, onClose }: FormProps) {
  const t = useT();
  const f = useFormat();
  const { message } = AntApp.useApp();
  const today = useToday();
  const reopenItem = useDesk((s) => s.reopenItem);
  const [form] = Form.useForm<ReopenValues>();
  const earliest = [item.closedOffOn ?? '', `${planYear}-01-01`].sort().at(-1)!;
  const { busy, error, submit } = useSave<ReopenValues>(
    async (values) => {
      await reopenItem({ itemId: item.id, effectiveOn: values.effectiveOn!.format(ISO), reason: values.reason });
      message.success(t('checklist.reopen.done', { title: item.title }));
      onClose();
    },
    refusalOnField(t, form, ['effectiveOn', 'reason']),
  );
  const refuseDay = (day: string) =>
    day > today
      ? t('checklist.date.future')
      : item.closedOffOn && day < item.closedOffOn
        ? t('checklist.date.beforeCloseOff', { date: f.date(item.closedOffOn) })
        : day < `${planYear}-01-01`
          ? t('checklist.date.beforeYear', { year: planYear })
          : null;

  return (
    <Form<ReopenValues>
      form={form}
      layout="vertical"
      initialValues={{ effectiveOn: dayjs(today), reason: '' }}
      onFinish={submit}
      onKeyDown={submitOnCtrlEnter(form)}
      data-testid="reopen-form"
    >
      <Typography.Paragraph type="secondary">{t('checklist.reopen.keeps')}</Typography.Paragraph>
      <Form.Item name="effectiveOn" label={t('checklist.reopen.date')} rules={dayRules(t('checklist.required.date'), refuseDay)}>
        <DatePicker allowClear={false} style={{ width: 200 }} disabledDate={(d) => d.format(ISO) > today || d.format(ISO) < earliest} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('checklist.reopen.reason')}
        rules={textRules(2000, t('checklist.tooLong', { max: 2000 }), t('checklist.required.reason'))}
      >
        <Input.TextArea autoFocus rows={3} showCount maxLength={2000} placeholder={t('checklist.reopen.reasonPlaceholder')} data-testid="reopen-reason" />
      </Form.Item>
      <FormEnd form="reopen" busy={busy} error={error} submitLabel={t('checklist.reopen.submit')} onClose={onClose} />
    </Form>
  );
}

/** The end of a checklist form: its refusal, the keyboard hint, cancel and save. */
function FormEnd({
  form,
  busy,
  error,
  submitLabel,
  onClose,
}: {
  form: 'close-off' | 'reopen';
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onClose(): void;
}) {
  const t = useT();
  return (
    <>
      <ErrorAlert error={error} describe={(e) => refusalMessage(t, e)} testId={`${form}-error`} />
      <FormFooter
        busy={busy}
        hint={t('checklist.form.hint')}
        cancelLabel={t('checklist.form.cancel')}
        submitLabel={submitLabel}
        onCancel={onClose}
        testId={`${form}-submit`}
      />
    </>
  );
}

/** A checklist item's dialog: open while `item` is set, titled with the item's title. */
function itemModal(testId: string, width: number, titleKey: 'checklist.closeOff.title' | 'checklist.reopen.title', Form: ComponentType<FormProps>) {
  return function ItemModal({ planYear, item, onClose }: Props) {
    const t = useT();
    return (
      <FormModal open={item !== null} title={item && t(titleKey, { title: item.title })} width={width} testId={testId} onClose={onClose}>
        <Form planYear={planYear} item={item!} onClose={onClose} />
      </FormModal>
    );
  };
}

export const CloseOffModal = itemModal('close-off-modal', 560, 'checklist.closeOff.title', CloseOffForm);
export const ReopenModal = itemModal('reopen-modal', 520, 'checklist.reopen.title', ReopenForm);
