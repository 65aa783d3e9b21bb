import { masterListWorkbook } from '../demo/bureau-samples.js';
import { writeFilePrivate } from '../store/private-files.js';

/**
 * The blank master list (bureau.master.template): the heading row the import reads and the instructions sheet
 * (填写说明: every column, required or not, what it holds, and the checklist templates), the same workbook as
 * docs/samples/master-list-template.xlsx. Written once, never over another file.
 */
export const masterTemplateName = (year: number) => `重点项目清单模板-${year}.xlsx`;

export function writeMasterTemplate(file: string, year: number): { file: string } {
  writeFilePrivate(file, masterListWorkbook([], year));
  return { file };
}
