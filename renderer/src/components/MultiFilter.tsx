import { Select } from 'antd';

/**
 * A filter that picks several values (level, stage, status, category, department, project): cleared with one
 * click, named by its placeholder. `compact` keeps it on one line however many are picked (the ledger's row).
 */
export function MultiFilter<V extends string>(props: {
  label: string;
  minWidth: number;
  value: V[];
  onChange(value: V[]): void;
  options: { value: V; label: string }[];
  testId: string;
  compact?: boolean;
  searchLabels?: boolean;
}) {
  return (
    <Select<V[]>
      mode="multiple"
      allowClear
      maxTagCount={props.compact ? 'responsive' : undefined}
      placeholder={props.label}
      aria-label={props.label}
      style={{ minWidth: props.minWidth }}
      value={props.value}
      onChange={props.onChange}
      options={props.options}
      optionFilterProp={props.searchLabels ? 'label' : undefined}
      data-testid={props.testId}
    />
  );
}
