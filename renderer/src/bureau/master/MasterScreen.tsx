import { Coming } from '../Coming';

/** 项目清单与任务下发: the master list in, assignments out (issue 12, screen 5). */
export function MasterScreen() {
  return <Coming screen="master" />;
}
