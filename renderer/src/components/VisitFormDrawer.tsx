import { App as AntApp, DatePicker, Drawer, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { VisitKind } from '@shared/domain';
import { useDesk, useT } from '../store';
import { useToday } from './ChecklistForms';
import { readAsBase64 } from '../api/files';
import { declaredType, FilePicker, visitPhotos, type PickedFile } from './FilePicker';
import { PickedPhotoPlaces, proposedDay, usePickedExif } from './PhotoPlace';
import { ErrorAlert } from './ErrorNotice';
import { dayRules, FormFooter, submitOnCtrlEnter, textRules, useSave } from './form-parts';
import { refusalMessage, refusalOnField } from './refusal';

interface VisitValues {
  visitedOn: Dayjs | null;
  kind: VisitKind;
  participants: string;
  summary: string;
  findings: string;
  followUps: string;
  photos: PickedFile[];
}

const FIELDS = ['visitedOn', 'kind', 'participants', 'summary', 'findings', 'followUps', 'photos'] as const;
const ISO = 'YYYY-MM-DD';

/**
 * Logging a sponsor action (帮包工作) in a drawer: date (not in the future), kind, participants, summary, findings,
 * follow-ups and photos. The drawer keeps its draft when closed and after a refusal; it is cleared once saved.
 * Ctrl+Enter saves, Esc closes.
 */
export function VisitFormDrawer({ projectId, open, onClose }: { projectId: string; open: boolean; onClose(): void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const today = useToday();
  const logVisit = useDesk((s) => s.logVisit);
  const [form] = Form.useForm<VisitValues>();
  const initial = (): Partial<VisitValues> => ({
    visitedOn: dayjs(today),
    kind: 'site_visit',
    participants: '',
    summary: '',
    findings: '',
    followUps: '',
    photos: [],
  });

  // Phone photos carry their time: the earliest photo's day is proposed as the date until the officer sets one.
  const pickedPhotos = Form.useWatch('photos', form);
  const visitedOn = Form.useWatch('visitedOn', form) as Dayjs | null | undefined;
  const zone = useDesk((s) => s.info?.timeZone) ?? 'Asia/Shanghai';
  const exif = usePickedExif(pickedPhotos);
  const photoDay = proposedDay(exif, zone);
  const [dateFromPhoto, setDateFromPhoto] = useState(false);
  useEffect(() => {
    if (!photoDay || photoDay > today || form.isFieldTouched('visitedOn')) return;
    if (form.getFieldValue('visitedOn')?.format(ISO) === photoDay) return;
    form.setFieldValue('visitedOn', dayjs(photoDay));
    setDateFromPhoto(true);
  }, [photoDay, today, form]);

  const { busy, error, setError, submit } = useSave<VisitValues>(
    async (values) => {
      const photos = [];
      for (const p of values.photos ?? []) {
        photos.push({ fileName: p.file.name, mimeType: declaredType(p.file), dataBase64: await readAsBase64(p.file) });
      }
      await logVisit({
        projectId,
        visitedOn: values.visitedOn!.format(ISO),
        kind: values.kind,
        participants: values.participants ?? '',
        summary: values.summary,
        findings: values.findings ?? '',
        followUps: values.followUps ?? '',
        photos,
      });
      message.success(t('visits.done'));
      form.resetFields();
      onClose();
    },
    refusalOnField(t, form, FIELDS),
  );

  // A draft belongs to its project: a different project starts a fresh form.
  useEffect(() => {
    form.resetFields();
    setError(null);
  }, [projectId, form, setError]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('visits.form.title')}
      size={600}
      forceRender
      data-testid="visit-drawer"
      footer={
        <FormFooter
          busy={busy}
          hint={busy ? t('visits.form.saving') : t('visits.form.hint')}
          cancelLabel={t('visits.form.cancel')}
          submitLabel={t('visits.form.submit')}
          onCancel={onClose}
          onSubmit={() => form.submit()}
          testId="visit-submit"
        />
      }
    >
      <Form<VisitValues> form={form} layout="vertical" initialValues={initial()} onFinish={submit} onKeyDown={submitOnCtrlEnter(form)} data-testid="visit-form">
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="visitedOn"
            label={t('visits.field.visitedOn')}
            rules={dayRules(t('visits.required.visitedOn'), (day) => (day > today ? t('visits.date.future') : null))}
          >
            <DatePicker allowClear={false} style={{ width: 180 }} disabledDate={(d) => d.format(ISO) > today} data-testid="visit-date" />
          </Form.Item>
          <Form.Item name="kind" label={t('visits.field.kind')} rules={[{ required: true, message: t('visits.required.kind') }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={VisitKind.options.map((k) => ({ value: k, label: t(`visits.kind.${k}`) }))}
              data-testid="visit-kind"
            />
          </Form.Item>
        </div>
        <Form.Item name="participants" label={t('visits.field.participants')} rules={[{ max: 500, message: t('visits.tooLong', { max: 500 }) }]}>
          <Input placeholder={t('visits.placeholder.participants')} maxLength={500} data-testid="visit-participants" />
        </Form.Item>
        <Form.Item name="summary" label={t('visits.field.summary')} rules={textRules(4000, t('visits.tooLong', { max: 4000 }), t('visits.required.summary'))}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('visits.placeholder.summary')} data-testid="visit-summary" />
        </Form.Item>
        <Form.Item name="findings" label={t('visits.field.findings')} rules={[{ max: 4000, message: t('visits.tooLong', { max: 4000 }) }]}>
          <Input.TextArea rows={2} maxLength={4000} placeholder={t('visits.placeholder.findings')} data-testid="visit-findings" />
        </Form.Item>
        <Form.Item name="followUps" label={t('visits.field.followUps')} rules={[{ max: 4000, message: t('visits.tooLong', { max: 4000 }) }]}>
          <Input.TextArea rows={2} maxLength={4000} placeholder={t('visits.placeholder.followUps')} data-testid="visit-follow-ups" />
        </Form.Item>
        <Form.Item name="photos" label={t('visits.field.photos')}>
          <FilePicker {...visitPhotos(t)} testId="visit-photos" disabled={busy} />
        </Form.Item>
        <PickedPhotoPlaces
          read={exif}
          day={photoDay}
          visitedOn={visitedOn ? visitedOn.format(ISO) : null}
          proposed={dateFromPhoto}
          today={today}
          onUseDate={(day) => {
            form.setFieldValue('visitedOn', dayjs(day));
            setDateFromPhoto(true);
          }}
        />
        <ErrorAlert error={error} describe={(e) => refusalMessage(t, e)} testId="visit-error" />
      </Form>
    </Drawer>
  );
}
