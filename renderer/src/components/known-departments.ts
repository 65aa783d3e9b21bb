import { useMemo } from 'react';
import { useDesk } from '../store';

/** Departments already in use, offered as suggestions so the ledger groups them under one spelling. */
export function useKnownDepartments(): { value: string }[] {
  const detail = useDesk((s) => s.detail);
  const ledger = useDesk((s) => s.ledger);
  return useMemo(() => {
    const seen = new Set<string>();
    for (const p of detail?.problems ?? []) if (p.currentDepartment) seen.add(p.currentDepartment);
    // The ledger's page carries every current department, whichever rows are loaded.
    for (const d of ledger?.departments ?? []) seen.add(d);
    return [...seen].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((value) => ({ value }));
  }, [detail, ledger]);
}
