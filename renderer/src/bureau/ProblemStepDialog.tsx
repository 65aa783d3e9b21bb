import { Alert, App as AntApp, Form, Input, Modal, Select, Timeline, Typography } from 'antd';
import type { ProblemAction } from '@shared/domain';
import type { BureauProblemView } from '@shared/operations/bureau';
import { allowedProblemActions, localDateTime, problemActionRequirement } from '@shared/rules';
import { useSave } from '../components/form-parts';
import { DialogFooter } from './cells';
import { useBureau, useBureauT, useBureauZone } from './store';

interface StepValues {
  action: ProblemAction;
  department: string;
  resolution: string;
  note: string;
  by: string;
}

/** One event of the problem's merged history: what, by whom, when. */
function history(problem: BureauProblemView, t: ReturnType<typeof useBureauT>, zone: string) {
  // On the district's clock, whatever the machine's zone (as the ledger and the CLI say it).
  const when = (at: string) => localDateTime(at, zone);
  return [
    { key: 'raised', content: t('bureauDesk.problems.raisedBy', { by: problem.raisedBy, when: problem.raisedOn }) },
    ...problem.events.map((e) => ({
      key: e.id,
      color: problem.skippedEventIds.includes(e.id) ? 'gray' : undefined,
      content: (
        <span data-testid="problem-event" data-action={e.action}>
          <Typography.Text strong>{t(`problem.action.${e.action}`)}</Typography.Text>
          {e.department ? ` → ${e.department}` : ''}
          {e.resolution ? ` · ${e.resolution}` : ''}
          {e.note ? ` · ${e.note}` : ''}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('problem.event.by', { by: e.by, when: when(e.at) })}
          </Typography.Text>
        </span>
      ),
    })),
  ];
}

/**
 * The bureau's closed-loop steps on one problem: dispatch to a department, coordinate at the leader's level
 * (顶格协调), verify and close, reopen with a reason, or a note. Only the steps the shared rule allows from the
 * problem's state are offered; each is recorded with who (the bureau, or the sponsoring leader for coordination,
 * unless another name is given) and when, and goes to the officer with the next assignment.
 */
export function ProblemStepDialog({ problem, onClose }: { problem: BureauProblemView | null; onClose(): void }) {
  const t = useBureauT();
  const zone = useBureauZone();
  return (
    <Modal
      open={problem !== null}
      title={problem ? `${problem.projectCode} ${problem.projectName}` : ''}
      footer={null}
      width={640}
      destroyOnHidden
      onCancel={onClose}
      data-testid="problem-step-dialog"
    >
      {problem ? (
        <>
          <Typography.Paragraph data-testid="problem-step-description">
            <Typography.Text type="secondary">{`${t(`problem.category.${problem.category}`)} · ${t(`problem.status.${problem.status}`)}`}</Typography.Text>
            <br />
            {problem.description}
          </Typography.Paragraph>
          <Timeline items={history(problem, t, zone)} style={{ marginBottom: 8 }} />
          <StepForm problem={problem} onClose={onClose} />
        </>
      ) : null}
    </Modal>
  );
}

function StepForm({ problem, onClose }: { problem: BureauProblemView; onClose(): void }) {
  const t = useBureauT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<StepValues>();
  const actOnProblem = useBureau((s) => s.actOnProblem);
  const allowed = allowedProblemActions(problem.status);
  const action = Form.useWatch('action', form) ?? allowed[0];
  const requirement = action ? problemActionRequirement(action) : null;
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];

  const { busy, error, submit } = useSave<StepValues>(async (v) => {
    await actOnProblem({
      problem: problem.id,
      action: v.action,
      note: v.note?.trim() || undefined,
      department: requirement === 'department' ? v.department : undefined,
      resolution: requirement === 'resolution' ? v.resolution : undefined,
      by: v.by?.trim() || undefined,
    });
    message.success(t('problem.act.done', { action: t(`problem.action.${v.action}`) }));
    onClose();
  });

  return (
    <Form<StepValues>
      form={form}
      layout="vertical"
      initialValues={{ action: allowed[0], department: problem.currentDepartment, resolution: '', note: '', by: '' }}
      onFinish={submit}
    >
      <Form.Item name="action" label={t('bureauDesk.problems.step')}>
        <Select data-testid="problem-step-action" options={allowed.map((a) => ({ value: a, label: t(`problem.action.${a}`) }))} />
      </Form.Item>
      {action === 'verify_close' ? <Alert type="info" showIcon title={t('problem.act.verifyConfirm')} style={{ marginBottom: 12 }} /> : null}
      {requirement === 'department' ? (
        <Form.Item name="department" label={t('problem.field.department')} rules={required(t('problem.required.department'))}>
          <Input data-testid="problem-step-department" maxLength={100} />
        </Form.Item>
      ) : null}
      {requirement === 'resolution' ? (
        <Form.Item name="resolution" label={t('problem.field.resolution')} rules={required(t('problem.required.resolution'))}>
          <Input.TextArea data-testid="problem-step-resolution" rows={3} maxLength={4000} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t(requirement === 'reason' ? 'problem.field.reason' : 'problem.field.note')}
        rules={requirement === 'reason' ? required(t('problem.required.reason')) : action === 'note' ? required(t('problem.required.note')) : []}
      >
        <Input.TextArea data-testid="problem-step-note" rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="by" label={t('problem.field.by')} extra={t('bureauDesk.problems.byHint')}>
        <Input data-testid="problem-step-by" maxLength={100} />
      </Form.Item>
      <DialogFooter busy={busy} error={error} onClose={onClose} submit={t('problem.act.submit')} testId="problem-step-submit" />
    </Form>
  );
}
