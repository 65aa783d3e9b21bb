import type {
  ChecklistItem,
  LifeCycleStage,
  Milestone,
  MilestoneKind,
  Officer,
  Problem,
  ProblemCategory,
  ProblemEvent,
  Project,
  ProjectLevel,
  Visit,
  VisitKind,
} from '@shared/domain/index.js';
import { LIFE_CYCLE_STAGES } from '@shared/domain/index.js';
import { addDays, lastReportedMonth, localDay } from '@shared/rules/index.js';
import { zonedTimeToMillis } from '@shared/rules/local-time.js';
import type { SqliteDatabase } from '../store/database.js';
import { insertChecklistEvent, upsertChecklistItem } from '../store/repositories/checklist.js';
import { insertInvestmentEntry } from '../store/repositories/investment.js';
import { insertProblem, insertProblemEvent } from '../store/repositories/problems.js';
import { insertMilestoneReport, upsertMilestone, upsertProject } from '../store/repositories/projects.js';
import { writeSetting } from '../store/repositories/settings.js';
import { insertVisit } from '../store/repositories/visits.js';
import { storeTimeZone } from '../store/time-zone.js';

/**
 * The demo dataset: six realistic projects of one officer, with visits, close-offs, problems and monthly
 * figures dated relative to today, so the first screen shows a live portfolio. Everything in it is marked
 * as demo and differs from the bureau's sample master list (docs/samples, electron/demo/sample-first-officer.ts):
 * the officer is 演示用户, the codes are DEMO-…, every project and company name says （演示）. A demo store
 * neither takes an assignment nor writes a weekly packet (electron/sync/demo-guard.ts).
 */
export const demoId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const DEMO_OFFICER: Officer = { id: demoId(1), name: '演示用户', unit: '演示单位', phone: '0632-0000000' };

interface DemoProjectSpec {
  code: string;
  name: string;
  company: string;
  level: ProjectLevel;
  industry: string;
  stage: LifeCycleStage;
  leader: string;
  unit: string;
  plan: number;
  total: number;
  /** Completion of the annual plan relative to the time-proportional pace (1 = exactly on schedule). */
  pace: number;
  location: string;
}

export const DEMO_PROJECTS: readonly DemoProjectSpec[] = [
  {
    code: 'DEMO-001',
    name: '明湖动力电池二期项目（演示）',
    company: '明湖动力科技（演示）有限公司',
    level: 'provincial',
    industry: '锂电新能源',
    stage: 'construction',
    leader: '王立新',
    unit: '区经济发展局',
    plan: 120000,
    total: 500000,
    pace: 1.24,
    location: '复元三路以东',
  },
  {
    code: 'DEMO-002',
    name: '青檀精密结构件生产基地（演示）',
    company: '青檀精密工业（演示）有限公司',
    level: 'municipal',
    industry: '锂电配套',
    stage: 'construction',
    leader: '刘志刚',
    unit: '区住房和城乡建设局',
    plan: 45000,
    total: 150000,
    pace: 1.08,
    location: '锂电产业园',
  },
  {
    code: 'DEMO-003',
    name: '云岭超充电池项目（演示）',
    company: '云岭超充新能源（演示）有限公司',
    level: 'municipal',
    industry: '锂电新能源',
    stage: 'factor_guarantee',
    leader: '王立新',
    unit: '区自然资源局',
    plan: 30000,
    total: 200000,
    pace: 0.64,
    location: '兴仁大道北侧',
  },
  {
    code: 'DEMO-004',
    name: '石榴园新能源配套项目（演示）',
    company: '石榴园新能源（演示）有限公司',
    level: 'district',
    industry: '新能源配套',
    stage: 'statistics_enrolment',
    leader: '陈静',
    unit: '区行政审批服务局',
    plan: 18000,
    total: 40000,
    pace: 1.31,
    location: '锂电产业园',
  },
  {
    code: 'DEMO-005',
    name: '荆河新能源材料项目（演示）',
    company: '荆河新材料（演示）有限公司',
    level: 'district',
    industry: '新材料',
    stage: 'production_start',
    leader: '刘志刚',
    unit: '区经济发展局',
    plan: 25000,
    total: 60000,
    pace: 0.97,
    location: '化工产业园',
  },
  {
    code: 'DEMO-006',
    name: '示范实验学校建设项目（演示）',
    company: '示范城市建设（演示）有限公司',
    level: 'district',
    industry: '公共服务',
    stage: 'preliminary_approval',
    leader: '陈静',
    unit: '区教育和体育局',
    plan: 12000,
    total: 36000,
    pace: 0.55,
    location: '光明大道南侧',
  },
];

const STAGE_TASKS: Record<LifeCycleStage, readonly string[]> = {
  preliminary_approval: ['项目备案', '用地规划许可', '环境影响评价批复', '节能审查意见', '施工许可证'],
  factor_guarantee: ['土地供应', '融资资金落实', '能耗指标保障', '水电气接入'],
  construction: ['主体工程开工', '主体结构封顶', '设备进场安装'],
  statistics_enrolment: ['入库纳统'],
  production_start: ['竣工验收', '试生产'],
  design_output: ['达产达效评估'],
};

const MILESTONES: readonly { kind: MilestoneKind; title: string; stage: LifeCycleStage }[] = [
  { kind: 'construction_start', title: '开工建设', stage: 'construction' },
  { kind: 'statistics_enrolment', title: '入库纳统', stage: 'statistics_enrolment' },
  { kind: 'production_start', title: '竣工投产', stage: 'production_start' },
  { kind: 'design_output', title: '达产达效', stage: 'design_output' },
];

const VISIT_TEXT: readonly { kind: VisitKind; summary: string; findings: string; followUps: string }[] = [
  { kind: 'site_visit', summary: '现场查看施工进度，与项目负责人座谈', findings: '主体施工正常推进，临时用电容量偏紧', followUps: '协调供电公司增容' },
  { kind: 'coordination', summary: '参加要素保障协调会', findings: '能耗指标待市级审批', followUps: '跟进市发改委审批进度' },
  { kind: 'call', summary: '电话了解本月投资完成情况', findings: '设备款已支付，投资入账正常', followUps: '' },
  { kind: 'meeting', summary: '与企业财务对接纳统资料', findings: '部分发票未归集', followUps: '月底前补齐资料' },
];

const PROBLEMS: readonly { project: number; category: ProblemCategory; description: string; department: string; steps: number }[] = [
  { project: 0, category: 'power_water', description: '施工临时用电容量不足，影响夜间施工', department: '国网枣庄高新供电中心', steps: 2 },
  { project: 2, category: 'energy_quota', description: '项目能耗指标尚未落实，影响节能审查', department: '区发展和改革局', steps: 1 },
  { project: 2, category: 'land', description: '二期用地尚未完成土地征收', department: '区自然资源局', steps: 0 },
  { project: 3, category: 'approval', description: '消防验收排队时间长', department: '区住房和城乡建设局', steps: 4 },
  { project: 5, category: 'capital', description: '专项债资金拨付滞后', department: '区财政局', steps: 3 },
];

export function seedDemoDataset(db: SqliteDatabase, now: Date): void {
  const today = localDay(now, storeTimeZone(db));
  const year = Number(today.slice(0, 4));
  const asOf = lastReportedMonth(today);
  const months = asOf.startsWith(`${year}-`) ? Number(asOf.slice(5)) : 0;
  let counter = 100;
  const nextId = () => demoId(counter++);
  // Office hours on the district's clock (18:00 in Beijing is 10:00 UTC), so the demo reads like a real day's work.
  const at = (day: string, hour = 9) => new Date(zonedTimeToMillis(day, storeTimeZone(db), hour)).toISOString();
  const by = DEMO_OFFICER.name;

  db.transaction(() => {
    writeSetting(db, 'officer', DEMO_OFFICER);
    writeSetting(db, 'demo', true);
    DEMO_PROJECTS.forEach((spec, index) => {
      const project: Project = {
        id: demoId(10 + index),
        code: spec.code,
        name: spec.name,
        company: spec.company,
        level: spec.level,
        industry: spec.industry,
        stage: spec.stage,
        sponsoringLeader: spec.leader,
        sponsoringUnit: spec.unit,
        officerId: DEMO_OFFICER.id,
        planYear: year,
        annualPlannedInvestment: spec.plan,
        totalInvestment: spec.total,
        location: spec.location,
        archivedAt: null,
      };
      upsertProject(db, project);
      const stageIndex = LIFE_CYCLE_STAGES.indexOf(spec.stage);

      // Checklist: earlier stages closed off, the current stage half done with one item overdue, later ones ahead.
      let order = 0;
      LIFE_CYCLE_STAGES.forEach((stage, s) => {
        STAGE_TASKS[stage].forEach((title, t) => {
          const offset = (s - stageIndex) * 60 + t * 12 - 10;
          const item: ChecklistItem = {
            id: nextId(),
            projectId: project.id,
            stage,
            title,
            dueOn: addDays(today, offset),
            sortOrder: order++,
            origin: 'bureau',
            withdrawnAt: null,
          };
          upsertChecklistItem(db, item);
          const done = s < stageIndex || (s === stageIndex && t === 0 && index % 2 === 0);
          if (done) {
            const closedOn = addDays(item.dueOn, -3);
            insertChecklistEvent(db, {
              id: nextId(),
              itemId: item.id,
              action: 'close_off',
              effectiveOn: closedOn,
              note: `${title}已办结，批复文件已归档`,
              attachmentId: null,
              recordedAt: at(closedOn, 10),
              recordedBy: by,
            });
          }
        });
      });

      MILESTONES.forEach((m, k) => {
        const mStage = LIFE_CYCLE_STAGES.indexOf(m.stage);
        // Construction start is reached on entering construction; the others once the project is past their stage.
        const reached = m.kind === 'construction_start' ? mStage <= stageIndex : mStage < stageIndex;
        const milestone: Milestone = {
          id: nextId(),
          projectId: project.id,
          kind: m.kind,
          title: m.title,
          plannedOn: addDays(today, (mStage - stageIndex) * 75 + (reached ? -20 : 20)),
          sortOrder: k,
        };
        upsertMilestone(db, milestone);
        if (reached) {
          const reachedOn = addDays(milestone.plannedOn, index % 2 === 0 ? -5 : 8);
          insertMilestoneReport(db, { id: nextId(), milestoneId: milestone.id, reachedOn, note: '', recordedAt: at(reachedOn, 16), recordedBy: by });
        }
      });

      // Monthly completed investment, January to the last reported month, around the project's pace.
      const target = (spec.plan * spec.pace * months) / 12;
      for (let m = 1; m <= months; m++) {
        const weight = (0.8 + ((m * 7 + index * 3) % 5) * 0.1) / 1.0;
        const amount = Math.round((target / months) * weight * 100) / 100;
        const month = `${year}-${String(m).padStart(2, '0')}`;
        insertInvestmentEntry(db, { id: nextId(), projectId: project.id, month, amount, recordedAt: at(`${month}-28`, 17), recordedBy: by });
      }
      // Make the sum exact to the pace, so the demo's ahead/behind figures are the intended ones.
      if (months > 0) {
        const sum = (db.prepare('SELECT sum(amount) AS s FROM investment_entries WHERE project_id = ?').get(project.id) as { s: number }).s;
        const month = `${year}-${String(months).padStart(2, '0')}`;
        const last = db.prepare('SELECT amount FROM investment_entries WHERE project_id = ? AND month = ?').get(project.id, month) as { amount: number };
        const corrected = Math.max(0, Math.round((last.amount + target - sum) * 100) / 100);
        insertInvestmentEntry(db, { id: nextId(), projectId: project.id, month, amount: corrected, recordedAt: at(`${month}-28`, 18), recordedBy: by });
      }

      // Visits over the past weeks; the behind-schedule projects were visited less recently.
      const visitCount = 2 + (index % 3);
      for (let v = 0; v < visitCount; v++) {
        const text = VISIT_TEXT[(index + v) % VISIT_TEXT.length]!;
        const visitedOn = addDays(today, -(v * 11 + index * 3 + 2));
        const visit: Visit = {
          id: nextId(),
          projectId: project.id,
          visitedOn,
          kind: text.kind,
          participants: `${by}、${spec.leader}、企业负责人`,
          summary: text.summary,
          findings: text.findings,
          followUps: text.followUps,
          recordedAt: at(visitedOn, 18),
          recordedBy: by,
        };
        insertVisit(db, visit);
      }
    });

    // Problems at every step of the closed loop.
    const actions: readonly ProblemEvent['action'][] = ['dispatch', 'coordinate', 'resolve', 'verify_close'];
    PROBLEMS.forEach((spec, n) => {
      const projectSpec = DEMO_PROJECTS[spec.project]!;
      const raisedOn = addDays(today, -(40 - n * 6));
      const problem: Problem = {
        id: nextId(),
        projectId: demoId(10 + spec.project),
        category: spec.category,
        description: spec.description,
        responsibleDepartment: spec.department,
        coordinatingLeader: projectSpec.leader,
        dueOn: addDays(raisedOn, n === 1 ? 20 : 45),
        origin: 'officer',
        raisedOn,
        raisedBy: by,
        recordedAt: at(raisedOn, 11),
      };
      insertProblem(db, problem);
      for (let s = 0; s < spec.steps; s++) {
        const action = actions[s]!;
        insertProblemEvent(db, {
          id: nextId(),
          problemId: problem.id,
          action,
          at: at(addDays(raisedOn, 3 + s * 5), 14),
          by: s === 1 ? projectSpec.leader : by,
          origin: 'officer',
          note: action === 'coordinate' ? '区领导顶格协调，明确办理时限' : '',
          department: action === 'dispatch' ? spec.department : null,
          resolution: action === 'resolve' ? '已按协调方案落实，企业确认' : null,
        });
      }
    });
  })();
}
