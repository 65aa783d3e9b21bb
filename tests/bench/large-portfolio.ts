import type { LifeCycleStage, ProblemAction, ProblemCategory, ProjectLevel, VisitKind } from '@shared/domain/index.js';
import { LIFE_CYCLE_STAGES } from '@shared/domain/index.js';
import { addDays, DEFAULT_TIME_ZONE, lastReportedMonth, localDay } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../../electron/store/database.js';
import { insertChecklistEvent, upsertChecklistItem } from '../../electron/store/repositories/checklist.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertProblem, insertProblemEvent } from '../../electron/store/repositories/problems.js';
import { insertMilestoneReport, upsertMilestone, upsertProject } from '../../electron/store/repositories/projects.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { seededRandom } from '../../electron/demo/seeded-random.js';

/**
 * A large, realistic portfolio for benchmarks: N projects of mixed level and stage with checklists,
 * milestones, monthly figures (with corrections), and M problems (with event histories at every step of
 * the loop) and M visits spread over them. Deterministic: the same options give the same database.
 * Written through the repositories, in one transaction, so change_log is filled as in real use.
 */
export interface PortfolioOptions {
  projects: number;
  problems: number;
  visits: number;
  now: Date;
  seed?: number;
}

export interface PortfolioCounts {
  projects: number;
  checklistItems: number;
  problems: number;
  problemEvents: number;
  visits: number;
  investmentEntries: number;
}

const BRANDS = [
  '欣旺达',
  '科达利',
  '超充',
  '纵贯线',
  '正瀚',
  '鲁南',
  '枣庄',
  '高新',
  '华润',
  '国轩',
  '天能',
  '力神',
  '金宇',
  '联泓',
  '丰元',
  '睿鹰',
  '中兴',
  '海螺',
  '山能',
];
const PRODUCTS = [
  '动力电池',
  '精密结构件',
  '新能源材料',
  '储能电站',
  '智能制造',
  '锂电隔膜',
  '电解液',
  '正极材料',
  '光伏组件',
  '数据中心',
  '冷链物流',
  '实验学校',
  '人民医院',
  '污水处理厂',
  '道路提升',
];
const PHASES = ['项目', '一期项目', '二期项目', '生产基地', '产业园项目', '扩建项目', '技改项目'];
const PLACES = ['枣庄', '薛城', '滕州', '山亭', '峄城', '台儿庄'];
const LEADERS = ['王立新', '刘志刚', '陈静', '张伟', '李娜', '赵强', '孙丽', '周军', '吴敏', '郑浩', '冯雪', '褚磊'];
const UNITS = [
  '区经济发展局',
  '区住房和城乡建设局',
  '区自然资源局',
  '区行政审批服务局',
  '区教育和体育局',
  '区财政局',
  '区发展和改革局',
  '区商务局',
  '区科技局',
  '区生态环境分局',
  '区应急管理局',
  '区交通运输局',
  '区水利局',
  '区人社局',
];
const DEPARTMENTS = ['国网枣庄高新供电中心', '区发展和改革局', '区自然资源局', '区住房和城乡建设局', '区财政局', '区行政审批服务局', '区人社局'];
const CATEGORIES: readonly ProblemCategory[] = ['policy', 'approval', 'land', 'capital', 'energy_quota', 'power_water', 'labour', 'other'];
const PROBLEM_TEXT: Record<ProblemCategory, string> = {
  policy: '享受技改补贴政策的申报条件不明确',
  approval: '施工许可审批材料多次退回补正',
  land: '二期用地尚未完成土地征收',
  capital: '专项债资金拨付滞后',
  energy_quota: '项目能耗指标尚未落实，影响节能审查',
  power_water: '施工临时用电容量不足，影响夜间施工',
  labour: '技术工人招聘困难',
  other: '周边道路施工影响物料运输',
};
const VISITS: readonly { kind: VisitKind; summary: string; findings: string; followUps: string }[] = [
  { kind: 'site_visit', summary: '现场查看施工进度，与项目负责人座谈', findings: '主体施工正常推进，临时用电容量偏紧', followUps: '协调供电公司增容' },
  { kind: 'coordination', summary: '参加要素保障协调会', findings: '能耗指标待市级审批', followUps: '跟进市发改委审批进度' },
  { kind: 'call', summary: '电话了解本月投资完成情况', findings: '设备款已支付，投资入账正常', followUps: '' },
  { kind: 'meeting', summary: '与企业财务对接纳统资料', findings: '部分发票未归集', followUps: '月底前补齐资料' },
];
const STAGE_TASKS: Record<LifeCycleStage, readonly [string, string]> = {
  preliminary_approval: ['项目备案', '施工许可证'],
  factor_guarantee: ['土地供应', '能耗指标保障'],
  construction: ['主体工程开工', '主体结构封顶'],
  statistics_enrolment: ['入库纳统资料报送', '入库纳统'],
  production_start: ['竣工验收', '试生产'],
  design_output: ['达产达效评估', '年度产值核查'],
};
const MILESTONES = [
  { kind: 'construction_start', title: '开工建设' },
  { kind: 'statistics_enrolment', title: '入库纳统' },
  { kind: 'production_start', title: '竣工投产' },
  { kind: 'design_output', title: '达产达效' },
] as const;
const LOOP: readonly ProblemAction[] = ['dispatch', 'coordinate', 'resolve', 'verify_close'];

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function seedLargePortfolio(db: SqliteDatabase, options: PortfolioOptions): PortfolioCounts {
  const random = seededRandom(options.seed ?? 20261124);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const today = localDay(options.now, DEFAULT_TIME_ZONE);
  const year = Number(today.slice(0, 4));
  const asOf = lastReportedMonth(today);
  const months = asOf.startsWith(`${year}-`) ? Number(asOf.slice(5)) : 0;
  const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  let next = 0x100000;
  const id = () => uuid(next++);
  const counts: PortfolioCounts = { projects: 0, checklistItems: 0, problems: 0, problemEvents: 0, visits: 0, investmentEntries: 0 };
  const projectIds: string[] = [];
  const leaderOf = new Map<string, string>();

  db.transaction(() => {
    for (let p = 0; p < options.projects; p++) {
      const level: ProjectLevel = random() < 0.1 ? 'provincial' : random() < 0.25 ? 'municipal' : 'district';
      const stage: LifeCycleStage = pick(LIFE_CYCLE_STAGES);
      const brand = pick(BRANDS);
      const product = pick(PRODUCTS);
      const plan = Math.round(1000 + random() * (level === 'district' ? 30000 : 150000));
      const projectId = uuid(0x10000 + p);
      const leader = pick(LEADERS);
      projectIds.push(projectId);
      leaderOf.set(projectId, leader);
      upsertProject(db, {
        id: projectId,
        code: `ZD-${year}-${String(p + 1).padStart(4, '0')}`,
        name: `${brand}${product}${pick(PHASES)}`,
        company: `${pick(PLACES)}${brand}${product.slice(0, 2)}有限公司`,
        level,
        industry: product,
        stage,
        sponsoringLeader: leader,
        sponsoringUnit: pick(UNITS),
        officerId: uuid(1),
        planYear: year,
        annualPlannedInvestment: plan,
        totalInvestment: plan * (2 + Math.floor(random() * 4)),
        location: `${pick(PLACES)}经济开发区`,
        archivedAt: random() < 0.02 ? at(addDays(today, -30), 8) : null,
      });
      counts.projects++;

      // Checklist: two tasks per stage, earlier stages closed off, one reopened now and then.
      const stageIndex = LIFE_CYCLE_STAGES.indexOf(stage);
      LIFE_CYCLE_STAGES.forEach((s, k) => {
        for (let t = 0; t < 2; t++) {
          const itemId = id();
          const dueOn = addDays(today, (k - stageIndex) * 60 + t * 20 - 15);
          upsertChecklistItem(db, {
            id: itemId,
            projectId,
            stage: s,
            title: STAGE_TASKS[s][t]!,
            dueOn,
            sortOrder: k * 2 + t,
            origin: 'bureau',
            withdrawnAt: null,
          });
          counts.checklistItems++;
          if (k < stageIndex || (k === stageIndex && t === 0 && random() < 0.5)) {
            const closedOn = addDays(dueOn, -Math.floor(random() * 10));
            insertChecklistEvent(db, {
              id: id(),
              itemId,
              action: 'close_off',
              effectiveOn: closedOn,
              note: '已办结，批复文件已归档',
              attachmentId: null,
              recordedAt: at(closedOn, 10),
              recordedBy: '李明',
            });
            if (random() < 0.05) {
              const reopenedOn = addDays(closedOn, 2);
              insertChecklistEvent(db, {
                id: id(),
                itemId,
                action: 'reopen',
                effectiveOn: reopenedOn,
                note: '材料退回补正',
                attachmentId: null,
                recordedAt: at(reopenedOn, 11),
                recordedBy: '李明',
              });
            }
          }
        }
      });

      MILESTONES.forEach(({ kind, title }, k) => {
        const milestoneId = id();
        const plannedOn = addDays(today, (k + 2 - stageIndex) * 75 + 20);
        upsertMilestone(db, { id: milestoneId, projectId, kind, title, plannedOn, sortOrder: k });
        if (k + 2 < stageIndex)
          insertMilestoneReport(db, { id: id(), milestoneId, reachedOn: plannedOn, note: '', recordedAt: at(plannedOn, 16), recordedBy: '李明' });
      });

      // Monthly figures around a pace of 0.5–1.4 of schedule, with a correction now and then.
      const pace = 0.5 + random() * 0.9;
      for (let m = 1; m <= months; m++) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const amount = Math.round(((plan * pace) / 12) * (0.7 + random() * 0.6) * 100) / 100;
        insertInvestmentEntry(db, { id: id(), projectId, month, amount, recordedAt: at(`${month}-28`, 17), recordedBy: '李明' });
        counts.investmentEntries++;
        if (random() < 0.1) {
          insertInvestmentEntry(db, {
            id: id(),
            projectId,
            month,
            amount: Math.round(amount * 1.05 * 100) / 100,
            recordedAt: at(`${month}-28`, 18),
            recordedBy: '李明',
          });
          counts.investmentEntries++;
        }
      }
    }

    // Problems at every step of the closed loop, some raised by the bureau, some events from both sides.
    for (let n = 0; n < options.problems; n++) {
      const projectId = projectIds[Math.floor(random() * projectIds.length)]!;
      const category = pick(CATEGORIES);
      const raisedOn = addDays(today, -Math.floor(random() * 300) - 1);
      const origin = random() < 0.2 ? 'bureau' : 'officer';
      const problemId = id();
      insertProblem(db, {
        id: problemId,
        projectId,
        category,
        description: PROBLEM_TEXT[category],
        responsibleDepartment: pick(DEPARTMENTS),
        coordinatingLeader: leaderOf.get(projectId)!,
        dueOn: random() < 0.9 ? addDays(raisedOn, 15 + Math.floor(random() * 60)) : null,
        origin,
        raisedOn,
        raisedBy: origin === 'bureau' ? '重点项目办' : '李明',
        recordedAt: at(raisedOn, 9),
      });
      counts.problems++;
      const steps = Math.floor(random() * 5);
      for (let s = 0; s < steps; s++) {
        const action = LOOP[s]!;
        const side = random() < 0.3 ? 'bureau' : 'officer';
        insertProblemEvent(db, {
          id: id(),
          problemId,
          action,
          at: at(addDays(raisedOn, 2 + s * 4), 14),
          by: side === 'bureau' ? '重点项目办' : '李明',
          origin: side,
          note: action === 'coordinate' ? '区领导顶格协调，明确办理时限' : '',
          department: action === 'dispatch' ? pick(DEPARTMENTS) : null,
          resolution: action === 'resolve' ? '已按协调方案落实，企业确认' : null,
        });
        counts.problemEvents++;
      }
    }

    for (let n = 0; n < options.visits; n++) {
      const projectId = projectIds[Math.floor(random() * projectIds.length)]!;
      const text = pick(VISITS);
      const visitedOn = addDays(today, -Math.floor(random() * 330) - 1);
      insertVisit(db, {
        id: id(),
        projectId,
        visitedOn,
        kind: text.kind,
        participants: `李明、${leaderOf.get(projectId)!}、企业负责人`,
        summary: text.summary,
        findings: text.findings,
        followUps: text.followUps,
        recordedAt: at(visitedOn, 18),
        recordedBy: '李明',
      });
      counts.visits++;
    }
  })();
  return counts;
}
