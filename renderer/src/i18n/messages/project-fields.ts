import { defineMessages } from './define';

/**
 * The bureau-owned project fields by name, for the assignment preview's "updated (fields)" list: the officer
 * reads the master list's words, never the field keys (bureauCompleted is the bureau's figure, 局报数).
 */
export const projectFieldMessages = defineMessages(
  {
    'projectField.code': '项目编码',
    'projectField.name': '项目名称',
    'projectField.company': '建设单位',
    'projectField.level': '项目级别',
    'projectField.industry': '所属行业',
    'projectField.stage': '当前阶段',
    'projectField.sponsoringLeader': '帮包领导',
    'projectField.sponsoringUnit': '帮包单位',
    'projectField.officerId': '帮包责任人',
    'projectField.planYear': '计划年度',
    'projectField.annualPlannedInvestment': '年度计划投资',
    'projectField.totalInvestment': '总投资',
    'projectField.location': '所在位置',
    'projectField.bureauCompleted': '局报累计完成投资',
  },
  {
    'projectField.code': 'code',
    'projectField.name': 'name',
    'projectField.company': 'company',
    'projectField.level': 'level',
    'projectField.industry': 'industry',
    'projectField.stage': 'stage',
    'projectField.sponsoringLeader': 'sponsoring leader',
    'projectField.sponsoringUnit': 'sponsoring unit',
    'projectField.officerId': 'officer',
    'projectField.planYear': 'plan year',
    'projectField.annualPlannedInvestment': 'annual plan',
    'projectField.totalInvestment': 'total investment',
    'projectField.location': 'location',
    'projectField.bureauCompleted': 'bureau figure (completed to date)',
  },
);
