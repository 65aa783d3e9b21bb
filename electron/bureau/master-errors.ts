import { formatMasterIssue, type IssueParams, type MasterIssueCode, type MasterListIssue } from '@shared/bureau/master-issues.js';
import { AppError, type AppErrorShape } from '@shared/errors.js';

/**
 * A master list with any wrong row, or a file that is not the list it looks like: nothing was imported;
 * `masterIssues` says where, in both languages (shared/bureau/master-issues.ts). `problem` tells the kind
 * of refusal apart for callers and the fuzzer: 'rows' for the rows' problems, else the file's (damaged,
 * too_large, hidden_sheet, encoding, unreadable).
 */
export class MasterListInvalidError extends AppError {
  constructor(
    readonly masterIssues: MasterListIssue[],
    params: IssueParams = {},
  ) {
    super(
      'master_list_invalid',
      `the master list has ${masterIssues.length} problem(s); nothing was imported. ${masterIssues
        .slice(0, 5)
        .map((i) => formatMasterIssue(i, 'en'))
        .join('; ')}`,
      { problem: 'rows', ...params, count: masterIssues.length },
      masterIssues.map((i) => ({ path: i.row > 0 ? `row ${i.row}${i.column ? `/${i.column}` : ''}` : '', message: formatMasterIssue(i, 'en') })),
    );
  }

  /** The shape carries the issues whole, so a caller past the registry can say each in its own language. */
  override toShape(): AppErrorShape & { masterIssues: MasterListIssue[] } {
    return { ...super.toShape(), masterIssues: this.masterIssues };
  }
}

/** A refusal of the file as a whole (row 0): one issue, and `problem` naming its kind. */
export function fileRefusal(problem: string, code: MasterIssueCode, params: IssueParams, extra: IssueParams = {}): MasterListInvalidError {
  return new MasterListInvalidError([{ row: 0, column: '', code, params }], { problem, ...extra });
}
