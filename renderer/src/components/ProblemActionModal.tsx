import { Alert, App as AntApp, AutoComplete, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProblemAction } from '@shared/domain';
import type { ProblemView } from '@shared/operations';
import { problemActionRequirement } from '@shared/rules';
import { ApiError } from '../api/client';
import type { MessageKey } from '../i18n';
import { ErrorAlert, errorText } from './ErrorNotice';
import { FormFooter, FormModal, submitOnCtrlEnter, textRules, useSave } from './form-parts';
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
/** How long what a step needs may be. */
const MAX = { department: 100, resolution: 4000 };

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
    <FormModal
      open={open}
      title={open && t('problem.act.title', { action: t(`problem.action.${action}` as MessageKey), description: truncate(problem.description, 40) })}
      width={560}
      testId="act-modal"
      onClose={onClose}
    >
      <ActionForm problem={problem!} action={action!} onClose={onClose} />
    </FormModal>
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function ActionForm({ problem, action, onClose }: { problem: ProblemView; action: ProblemAction; onClose(): void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ActionValues>();
  const actOnProblem = useDesk((s) => s.actOnProblem);
  const officer = useDesk((s) => s.info?.officer?.name ?? '');
  const requirement = problemActionRequirement(action);

  const departments = useKnownDepartments();
  const today = useToday();
  const earliest = useEarliestStepDay(problem);

  const { busy, error, submit } = useSave<ActionValues>(
    async (v) => {
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
    },
    (e) => {
      if (!(e instanceof ApiError)) return;
      const fields = e.shape.issues.filter((i) => (FIELDS as readonly string[]).includes(i.path));
      if (fields.length > 0) form.setFields(fields.map((i) => ({ name: i.path as (typeof FIELDS)[number], errors: [fieldMessage(i.path, i.message)] })));
    },
  );

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

  const ctrlEnter = submitOnCtrlEnter(form);

  const noteRequired = requirement === 'reason' || action === 'note';
  return (
    <Form<ActionValues>
      form={form}
      name="act"
      layout="vertical"
      initialValues={{ department: action === 'dispatch' ? problem.currentDepartment : '', resolution: '', note: '', by: officer, happenedOn: dayjs(today) }}
      onFinish={submit}
    >
      {action === 'verify_close' ? <Alert type="info" showIcon title={t('problem.act.verifyConfirm')} style={{ marginBottom: 12 }} /> : null}
      {action === 'verify_close' && problem.resolution ? (
        <Typography.Paragraph type="secondary">{t('problem.event.resolution', { text: problem.resolution })}</Typography.Paragraph>
      ) : null}
      {requirement === 'department' || requirement === 'resolution' ? (
        <Form.Item
          name={requirement}
          label={t(`problem.field.${requirement}`)}
          rules={textRules(MAX[requirement], t('problem.tooLong', { max: MAX[requirement] }), t(`problem.required.${requirement}`))}
        >
          {requirement === 'department' ? (
            <AutoComplete autoFocus options={departments} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
          ) : (
            <Input.TextArea autoFocus rows={3} maxLength={MAX.resolution} onKeyDown={ctrlEnter} />
          )}
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t(requirement === 'reason' ? 'problem.field.reason' : 'problem.field.note')}
        rules={textRules(
          4000,
          t('problem.tooLong', { max: 4000 }),
          noteRequired ? t(action === 'reopen' ? 'problem.required.reason' : 'problem.required.note') : undefined,
        )}
      >
        <Input.TextArea autoFocus={requirement === null || requirement === 'reason'} rows={2} maxLength={4000} onKeyDown={ctrlEnter} />
      </Form.Item>
      <HappenedOnField today={today} earliest={earliest} />
      <Form.Item name="by" label={t('problem.field.by')} extra={t('problem.field.byHint')} rules={[{ max: 100, message: t('problem.tooLong', { max: 100 }) }]}>
        <Input style={{ maxWidth: 240 }} />
      </Form.Item>
      <ErrorAlert
        error={error}
        describe={(e) =>
          e instanceof ApiError && e.shape.code === 'invalid_input' && (FIELDS as readonly string[]).includes(e.shape.issues[0]?.path ?? '')
            ? fieldMessage(e.shape.issues[0]!.path, e.shape.issues[0]!.message)
            : errorText(t, e)
        }
        testId="act-error"
      />
      <FormFooter
        busy={busy}
        cancelLabel={t('problem.raise.cancel')}
        submitLabel={t(action === 'verify_close' ? 'problem.action.verify_close' : 'problem.act.submit')}
        onCancel={onClose}
        testId="act-submit"
      />
    </Form>
  );
}
