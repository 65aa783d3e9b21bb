import type { Database } from '../driver.js';

/** One schema version. `up` is SQL or a function; it runs inside the runner's transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}
