import { defineMessages } from './define';

/** The bureau's completed investment to date (局报数), shown wherever it is part of the completed figure. */
export const bureauFigureMessages = defineMessages(
  {
    'bureauFigure.mark': '局报数',
    'bureauFigure.tip':
      '局报数 截至 {month}：1 月至 {month} 的累计完成投资是局里在项目清单中给出的数，之后各月本人录入的数在此基础上累加。一旦录入 {month} 及以前任一月的数，即以本人录入的月度数为准，局报数不再计入。',
  },
  {
    'bureauFigure.mark': 'Bureau',
    'bureauFigure.tip':
      'Bureau figure to {month}: the completed investment from January to {month} is the figure in the bureau’s master list; your figures for later months add to it. Once you enter any month up to {month}, your own monthly figures replace it.',
  },
);
