import { Alert, App as AntApp, AutoComplete, Button, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import type { ProblemAction } from '@shared/domain';
import type { ProblemView } from '@shared/operations';
import { problemActionRequirement } from '@shared/rules';
import { ApiError } from '../api/client';
import { errorMessage, type MessageKey } from '../i18n';
import { HappenedOnField, useEarliestStepDay } from './HappenedOnField';
import { useKnownDepartments } from './known-departments';
import { useToday } from './today';
import { useDesk, useT } from '../store';

interface ActionValues {
  department: string;
  resolution: string;
  note: string;
  by: string;
  happenedOn: Dayjs | null;
}

const FIELDS = ['department', 'resolution', 'note', 'by', 'happenedOn'] as const;

/**
 * One step of the closed loop. Shows exactly what the step needs: dispatch a department, resolve the
 * resolution, reopen a reason; verify-and-close asks for confirmation. "By" is the officer unless changed
 * (the sponsoring leader's own coordination, say), and the day it happened (today unless an earlier day is
 * chosen; the step keeps both that day and when it was typed). Enter records it (Ctrl+Enter in a text area),
 * but only once every required field is filled; Esc closes.
 */
export function ProblemActionModal({ problem, action, onClose }: { problem: ProblemView | null; action: ProblemAction | null; onClose(): void }) {
  const t = useT();
  const open = problem !== null && action !== null;
  return (
    <Modal
      open={open}
      title={open ? t('problem.act.title', { action: t(`problem.action.${action}` as MessageKey), description: truncate(problem.description, 40) }) : ''}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
      data-testid="act-modal"
    >
      {open ? <ActionForm problem={problem} action={action} onClose={onClose} /> : null}
    </Modal>
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function ActionForm({ problem, action, onClose }: { problem: ProblemView; action: ProblemAction; onClose(): void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  // One save per submit: Enter pressed twice, or Enter then a click, must not write twice.
  const inFlight = useRef(false);
  const [error, setError] = useState<unknown>(null);
  const actOnProblem = useDesk((s) => s.actOnProblem);
  const officer = useDesk((s) => s.info?.officer?.name ?? '');
  const requirement = problemActionRequirement(action);

  const departments = useKnownDepartments();
  const today = useToday();
  const earliest = useEarliestStepDay(problem);

  const submit = async (v: ActionValues) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await actOnProblem({
        problemId: problem.id,
        action,
        note: v.note ?? '',
        ...(requirement === 'department' ? { department: v.department } : {}),
        ...(requirement === 'resolution' ? { resolution: v.resolution } : {}),
        by: v.by ?? '',
        ...(v.happenedOn && v.happenedOn.format('YYYY-MM-DD') !== today ? { happenedOn: v.happenedOn.format('YYYY-MM-DD') } : {}),
      });
      message.success(t('problem.act.done', { action: t(`problem.action.${action}` as MessageKey) }));
      onClose();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const fields = e.shape.issues.filter((i) => (FIELDS as readonly string[]).includes(i.path));
        if (fields.length > 0) form.setFields(fields.map((i) => ({ name: i.path as (typeof FIELDS)[number], errors: [fieldMessage(i.path, i.message)] })));
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const fieldMessage = (path: string, reason?: string): string =>
    path === 'happenedOn'
      ? reason === 'after_today'
        ? t('problemDay.after_today')
        : t(reason === 'before_raised' ? 'problemDay.before_raised' : 'problemDay.before_last_step', { day: earliest.day })
      : path === 'department'
        ? t('problem.required.department')
        : path === 'resolution'
          ? t('problem.required.resolution')
          : path === 'note'
            ? t(action === 'reopen' ? 'problem.required.reason' : 'problem.required.note')
            : t('problem.tooLong', { max: 100 });

  const ctrlEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.submit();
    }
  };

  const noteRequired = requirement === 'reason' || action === 'note';
  return (
    <Form<ActionValues>
      form={form}
      name="act"
      layout="vertical"
      initialValues={{ department: action === 'dispatch' ? problem.currentDepartment : '', resolution: '', note: '', by: officer, happenedOn: dayjs(today) }}
      onFinish={(v) => void submit(v)}
    >
      {action === 'verify_close' ? <Alert type="info" showIcon title={t('problem.act.verifyConfirm')} style={{ marginBottom: 12 }} /> : null}
      {action === 'verify_close' && problem.resolution ? (
        <Typography.Paragraph type="secondary">{t('problem.event.resolution', { text: problem.resolution })}</Typography.Paragraph>
      ) : null}
      {requirement === 'department' ? (
        <Form.Item
          name="department"
          label={t('problem.field.department')}
          rules={[
            { required: true, whitespace: true, message: t('problem.required.department') },
            { max: 100, message: t('problem.tooLong', { max: 100 }) },
          ]}
        >
          <AutoComplete autoFocus options={departments} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
        </Form.Item>
      ) : null}
      {requirement === 'resolution' ? (
        <Form.Item
          name="resolution"
          label={t('problem.field.resolution')}
          rules={[
            { required: true, whitespace: true, message: t('problem.required.resolution') },
            { max: 4000, message: t('problem.tooLong', { max: 4000 }) },
          ]}
        >
          <Input.TextArea autoFocus rows={3} maxLength={4000} onKeyDown={ctrlEnter} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t(requirement === 'reason' ? 'problem.field.reason' : 'problem.field.note')}
        rules={[
          ...(noteRequired
            ? [{ required: true, whitespace: true, message: t(action === 'reopen' ? 'problem.required.reason' : 'problem.required.note') }]
            : []),
          { max: 4000, message: t('problem.tooLong', { max: 4000 }) },
        ]}
      >
        <Input.TextArea autoFocus={requirement === null || requirement === 'reason'} rows={2} maxLength={4000} onKeyDown={ctrlEnter} />
      </Form.Item>
      <HappenedOnField today={today} earliest={earliest} />
      <Form.Item name="by" label={t('problem.field.by')} extra={t('problem.field.byHint')} rules={[{ max: 100, message: t('problem.tooLong', { max: 100 }) }]}>
        <Input style={{ maxWidth: 240 }} />
      </Form.Item>
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            error instanceof ApiError
              ? error.shape.code === 'invalid_input' && (FIELDS as readonly string[]).includes(error.shape.issues[0]?.path ?? '')
                ? fieldMessage(error.shape.issues[0]!.path, error.shape.issues[0]!.message)
                : errorMessage(t, error.shape)
              : String(error)
          }
          data-testid="act-error"
        />
      ) : null}
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('problem.raise.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="act-submit">
          {t(action === 'verify_close' ? 'problem.action.verify_close' : 'problem.act.submit')}
        </Button>
      </div>
    </Form>
  );
}
