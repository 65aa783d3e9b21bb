import { SearchOutlined } from '@ant-design/icons';
import { Input, Typography, type InputRef } from 'antd';
import { memo, useState, type Ref } from 'react';

/**
 * The home screen's search box. It keeps what is typed itself, so a key renders only the box at once; the
 * screen hears of the text through `onSearch` (which it runs in a transition) and renders the rows after
 * (issue 11: the table is not rendered whole with every key). `initial` is read when it mounts: the screen
 * empties the box by mounting a new one (a new key).
 */
export const SearchBox = memo(function SearchBox({
  ref,
  initial,
  label,
  onSearch,
}: {
  ref: Ref<InputRef>;
  initial: string;
  label: string;
  onSearch: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  return (
    <Input
      ref={ref}
      data-testid="project-search"
      allowClear
      prefix={<SearchOutlined />}
      suffix={<Typography.Text keyboard>/</Typography.Text>}
      placeholder={label}
      aria-label={label}
      style={{ width: 340 }}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onSearch(e.target.value);
      }}
    />
  );
});
