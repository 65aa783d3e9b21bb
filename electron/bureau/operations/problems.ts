import type { HandlerGroup } from '../../handlers/registry.js';
import { actOnBureauProblem, listBureauProblems, raiseBureauProblem } from '../problems.js';

/** The bureau's side of the problem loop (rules: electron/bureau/problems.ts). */
export const problemHandlers: HandlerGroup<'bureau.problems.list' | 'bureau.problems.raise' | 'bureau.problems.act'> = {
  'bureau.problems.list': (options, ctx) => listBureauProblems(ctx, options),
  'bureau.problems.raise': (input, ctx) => raiseBureauProblem(ctx, input),
  'bureau.problems.act': (input, ctx) => actOnBureauProblem(ctx, input),
};
