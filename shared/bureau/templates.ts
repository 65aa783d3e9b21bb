import type { LifeCycleStage, MilestoneKind } from '../domain/index.js';

/**
 * Stage checklist templates (清单式管理). Each task is scheduled backwards (倒排工期) from one of the
 * project's milestones: due = the milestone's planned day + offsetDays. A project gets the tasks of its
 * current stage and every later stage; earlier stages are taken as done.
 */
export interface TemplateTask {
  stage: LifeCycleStage;
  title: string;
  anchor: Exclude<MilestoneKind, 'other'>;
  offsetDays: number;
}

export interface ChecklistTemplate {
  name: string;
  /** Other names the master list may use for it. */
  aliases: readonly string[];
  description: string;
  tasks: readonly TemplateTask[];
}

const t = (stage: LifeCycleStage, title: string, anchor: TemplateTask['anchor'], offsetDays: number): TemplateTask => ({ stage, title, anchor, offsetDays });

export const CHECKLIST_TEMPLATES: readonly ChecklistTemplate[] = [
  {
    name: '产业项目',
    aliases: ['标准', '工业项目', 'industrial'],
    description: '工业和产业类项目：审批、要素、建设、纳统、投产、达产全流程',
    tasks: [
      t('preliminary_approval', '项目备案', 'construction_start', -120),
      t('preliminary_approval', '用地规划许可', 'construction_start', -90),
      t('preliminary_approval', '环境影响评价批复', 'construction_start', -60),
      t('preliminary_approval', '节能审查意见', 'construction_start', -60),
      t('preliminary_approval', '施工许可证', 'construction_start', -10),
      t('factor_guarantee', '土地供应', 'construction_start', -45),
      t('factor_guarantee', '融资资金落实', 'construction_start', -30),
      t('factor_guarantee', '能耗指标保障', 'construction_start', -30),
      t('factor_guarantee', '水电气接入', 'construction_start', -5),
      t('construction', '主体工程开工', 'construction_start', 0),
      t('construction', '主体结构封顶', 'production_start', -150),
      t('construction', '设备进场安装', 'production_start', -60),
      t('statistics_enrolment', '入库纳统', 'statistics_enrolment', 0),
      t('production_start', '竣工验收', 'production_start', -10),
      t('production_start', '试生产', 'production_start', 0),
      t('design_output', '达产达效评估', 'design_output', 0),
    ],
  },
  {
    name: '社会事业项目',
    aliases: ['公共服务项目', 'public'],
    description: '学校、医院、邻里中心等公共服务设施：无能耗指标和达产环节',
    tasks: [
      t('preliminary_approval', '项目立项批复', 'construction_start', -120),
      t('preliminary_approval', '用地规划许可', 'construction_start', -90),
      t('preliminary_approval', '施工图审查', 'construction_start', -30),
      t('preliminary_approval', '施工许可证', 'construction_start', -10),
      t('factor_guarantee', '土地供应', 'construction_start', -45),
      t('factor_guarantee', '财政资金落实', 'construction_start', -30),
      t('construction', '主体工程开工', 'construction_start', 0),
      t('construction', '主体结构封顶', 'production_start', -120),
      t('construction', '室外配套工程', 'production_start', -30),
      t('statistics_enrolment', '入库纳统', 'statistics_enrolment', 0),
      t('production_start', '竣工验收', 'production_start', -5),
      t('production_start', '交付使用', 'production_start', 0),
    ],
  },
  {
    name: '基础设施项目',
    aliases: ['基础设施', 'infrastructure'],
    description: '道路、管网、园区配套：审批、资金、建设、纳统、竣工',
    tasks: [
      t('preliminary_approval', '可行性研究报告批复', 'construction_start', -90),
      t('preliminary_approval', '初步设计批复', 'construction_start', -45),
      t('preliminary_approval', '施工许可证', 'construction_start', -10),
      t('factor_guarantee', '专项债资金落实', 'construction_start', -30),
      t('factor_guarantee', '征地拆迁', 'construction_start', -20),
      t('construction', '主体工程开工', 'construction_start', 0),
      t('construction', '主体工程完工', 'production_start', -30),
      t('statistics_enrolment', '入库纳统', 'statistics_enrolment', 0),
      t('production_start', '竣工验收', 'production_start', 0),
    ],
  },
];

export function findTemplate(name: string): ChecklistTemplate | null {
  const n = name.trim();
  return CHECKLIST_TEMPLATES.find((tpl) => tpl.name === n || tpl.aliases.includes(n)) ?? null;
}
