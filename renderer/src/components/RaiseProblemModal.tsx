import { Alert, AutoComplete, DatePicker, Form, Input, Select, Space, App as AntApp } from 'antd';
import type { Dayjs } from 'dayjs';
import { ProblemCategory } from '@shared/domain';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n';
import { ErrorAlert } from './ErrorNotice';
import { FormFooter, FormModal, submitOnCtrlEnter, textRules, useSave } from './form-parts';
import { useKnownDepartments } from './known-departments';
import { useDesk, useT } from '../store';

export interface RaiseProblemModalProps {
  projectId: string;
  open: boolean;
  /** Pre-filled description, e.g. a visit's finding. */
  initialDescription?: string;
  /** The visit the finding comes from; the server checks it belongs to the project. */
  sourceVisitId?: string;
  onClose(): void;
  onRaised?(): void;
}

interface RaiseValues {
  category?: ProblemCategory;
  description: string;
  responsibleDepartment: string;
  coordinatingLeader: string;
  dueOn: Dayjs | null;
}

const FIELDS = ['category', 'description', 'responsibleDepartment', 'coordinatingLeader', 'dueOn'] as const;

/**
 * Raise a problem (问题收集): category, description, responsible department, coordinating leader (the project's
 * sponsoring leader unless changed) and due date. Enter submits (Ctrl+Enter in the description), Esc closes;
 * on a refusal the form keeps what was typed and shows why.
 */
export function RaiseProblemModal(props: RaiseProblemModalProps) {
  const t = useT();
  return (
    <FormModal open={props.open} title={t('problem.raise.title')} width={600} testId="raise-modal" onClose={props.onClose}>
      <RaiseProblemForm {...props} />
    </FormModal>
  );
}

function RaiseProblemForm({ projectId, initialDescription, sourceVisitId, onClose, onRaised }: RaiseProblemModalProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RaiseValues>();
  const raiseProblem = useDesk((s) => s.raiseProblem);
  const detail = useDesk((s) => s.detail);
  const projects = useDesk((s) => s.projects);

  const leader = detail?.project.id === projectId ? detail.project.sponsoringLeader : (projects?.find((p) => p.id === projectId)?.sponsoringLeader ?? '');

  const departments = useKnownDepartments();

  const { busy, error, submit } = useSave<RaiseValues>(
    async (values) => {
      await raiseProblem({
        projectId,
        category: values.category!,
        description: values.description,
        responsibleDepartment: values.responsibleDepartment ?? '',
        coordinatingLeader: values.coordinatingLeader ?? '',
        dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null,
        ...(sourceVisitId ? { sourceVisitId } : {}),
      });
      message.success(t('problem.raise.done'));
      onRaised?.();
      onClose();
    },
    (e) => {
      if (!(e instanceof ApiError)) return;
      const fields = e.shape.issues.filter((i) => (FIELDS as readonly string[]).includes(i.path));
      if (fields.length > 0)
        form.setFields(fields.map((i) => ({ name: i.path as (typeof FIELDS)[number], errors: [errorMessage(t, { ...e.shape, issues: [i] })] })));
    },
  );

  return (
    <Form<RaiseValues>
      form={form}
      name="raise"
      layout="vertical"
      initialValues={{ description: initialDescription ?? '', responsibleDepartment: '', coordinatingLeader: leader, dueOn: null }}
      onFinish={submit}
      data-testid="raise-form"
    >
      {sourceVisitId ? <Alert type="info" showIcon title={t('problem.raise.fromVisit')} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="category" label={t('problem.field.category')} rules={[{ required: true, message: t('problem.required.category') }]}>
        <Select
          autoFocus
          showSearch={{ optionFilterProp: ['label', 'value'] }}
          placeholder={t('problem.field.category')}
          options={ProblemCategory.options.map((c) => ({ value: c, label: t(`problem.category.${c}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('problem.field.description')}
        rules={textRules(4000, t('problem.tooLong', { max: 4000 }), t('problem.required.description'))}
      >
        <Input.TextArea rows={4} showCount maxLength={4000} onKeyDown={submitOnCtrlEnter(form)} />
      </Form.Item>
      <Space.Compact block style={{ gap: 12, display: 'flex' }}>
        <Form.Item
          name="responsibleDepartment"
          label={t('problem.field.department')}
          style={{ flex: 1 }}
          rules={[{ max: 100, message: t('problem.tooLong', { max: 100 }) }]}
        >
          <AutoComplete options={departments} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
        </Form.Item>
        <Form.Item
          name="coordinatingLeader"
          label={t('problem.field.leader')}
          style={{ flex: 1 }}
          extra={leader ? t('problem.raise.leaderDefault', { leader }) : undefined}
          rules={[{ max: 100, message: t('problem.tooLong', { max: 100 }) }]}
        >
          <Input />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="dueOn" label={t('problem.field.dueOn')}>
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
      <ErrorAlert error={error} testId="raise-error" />
      <FormFooter busy={busy} cancelLabel={t('problem.raise.cancel')} submitLabel={t('problem.raise.submit')} onCancel={onClose} testId="raise-submit" />
    </Form>
  );
}
