import { App as AntApp, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { ProblemCategory } from '@shared/domain';
import { useSave } from '../components/form-parts';
import { DialogFooter } from './cells';
import { useBureau, useBureauT } from './store';

interface RaiseValues {
  project: string;
  category: ProblemCategory;
  description: string;
  responsibleDepartment: string;
  coordinatingLeader: string;
  dueOn: Dayjs | null;
}

/**
 * The bureau raises a problem on a project of the district (origin bureau, raised today by the bureau); it goes
 * to the project's officer with the next assignment. The coordinating leader defaults to the project's sponsoring
 * leader on the desk's side when left empty.
 */
export function RaiseProblemDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useBureauT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RaiseValues>();
  const list = useBureau((s) => s.projectList);
  const { loadProjectList, raiseProblem } = useBureau.getState();
  useEffect(() => {
    if (open && !list) void loadProjectList();
  }, [open, list, loadProjectList]);
  const projects = useMemo(() => (list?.rows ?? []).map((p) => ({ value: p.code, label: `${p.code} ${p.name}` })), [list]);
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];

  const { busy, error, submit } = useSave<RaiseValues>(async (v) => {
    await raiseProblem({
      project: v.project,
      category: v.category,
      description: v.description,
      responsibleDepartment: v.responsibleDepartment?.trim() || undefined,
      coordinatingLeader: v.coordinatingLeader?.trim() || undefined,
      dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null,
    });
    message.success(t('problem.raise.done'));
    form.resetFields();
    onClose();
  });

  return (
    <Modal open={open} title={t('bureauDesk.problems.raise')} footer={null} width={600} destroyOnHidden onCancel={onClose}>
      <Form<RaiseValues> form={form} layout="vertical" onFinish={submit} data-testid="raise-problem-form">
        <Form.Item name="project" label={t('problem.field.project')} rules={[{ required: true, message: t('bureauDesk.problems.pickProject') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={projects} loading={!list} data-testid="raise-project" />
        </Form.Item>
        <Form.Item name="category" label={t('problem.field.category')} rules={[{ required: true, message: t('problem.required.category') }]}>
          <Select data-testid="raise-category" options={ProblemCategory.options.map((c) => ({ value: c, label: t(`problem.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('problem.field.description')} rules={required(t('problem.required.description'))}>
          <Input.TextArea data-testid="raise-description" rows={3} maxLength={4000} />
        </Form.Item>
        <Space size={16} style={{ display: 'flex' }} align="start">
          <Form.Item name="responsibleDepartment" label={t('problem.field.department')}>
            <Input data-testid="raise-department" maxLength={100} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="coordinatingLeader" label={t('problem.field.leader')} extra={t('bureauDesk.problems.leaderHint')}>
            <Input data-testid="raise-leader" maxLength={100} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('problem.field.dueOn')}>
            <DatePicker data-testid="raise-due" />
          </Form.Item>
        </Space>
        <DialogFooter busy={busy} error={error} onClose={onClose} submit={t('problem.raise.submit')} testId="raise-submit" />
      </Form>
    </Modal>
  );
}
