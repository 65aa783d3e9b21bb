import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { SearchOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Checkbox, Input, Layout, Menu, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { renderToString } from 'react-dom/server';
import { DeskTheme } from './src/components/DeskTheme';

/**
 * The antd styles the officer desk's first screen uses, made at build time (renderer/vite.config.ts) so the
 * browser does not generate them with antd's CSS-in-JS before the first rows (issue 11: about a third of the
 * first render was antd making these styles on first use).
 *
 * Server-rendering these components registers their styles in a cache exactly as the app registers them (the
 * same theme, DeskTheme, so the same hashes); `extractStyle` writes them as plain CSS followed by a map of
 * the styles it holds. At runtime antd's cssinjs reads that map once and skips making and inserting any style
 * it names; a style not in it (another screen's, or one this sample misses) is made at runtime as before, so
 * the sample can only make the start slower or faster, never wrong. The order follows the app's first render
 * (the loading spinner, the shell, the home screen and its table, the reminder notice after the rows).
 */
function FirstScreenSample() {
  const columns = [
    { title: 'a', dataIndex: 'a', key: 'a', sorter: true, fixed: 'left' as const, width: 100 },
    { title: 'b', dataIndex: 'b', key: 'b', sorter: true, align: 'right' as const, width: 100 },
  ];
  return (
    <DeskTheme language="zh-CN">
      <AntApp>
        <Spin />
        <Layout>
          <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={64}>
            <Typography.Title level={4}>a</Typography.Title>
            <Typography.Text type="secondary">a</Typography.Text>
            <Menu mode="inline" selectedKeys={['a']} items={[{ key: 'a', label: 'a' }]} />
          </Layout.Sider>
          <Layout>
            <Layout.Header>
              <Button icon={<SearchOutlined />}>
                a<Typography.Text keyboard>a</Typography.Text>
              </Button>
              <Typography.Text>a</Typography.Text>
              <Button>a</Button>
            </Layout.Header>
            <Layout.Content>
              <Space orientation="vertical" size="middle">
                <Typography.Title level={3}>a</Typography.Title>
                <Space wrap>
                  <Input allowClear prefix={<SearchOutlined />} suffix={<Typography.Text keyboard>/</Typography.Text>} />
                  <Select mode="multiple" allowClear options={[{ value: 'a', label: 'a' }]} />
                  <Checkbox>a</Checkbox>
                  <Button type="link">a</Button>
                </Space>
                <Table
                  rowKey="a"
                  size="middle"
                  pagination={false}
                  virtual
                  loading
                  showSorterTooltip={false}
                  scroll={{ x: 200, y: 400 }}
                  columns={columns}
                  dataSource={[{ a: 'a', b: 'b' }]}
                  summary={() => (
                    <Table.Summary fixed>
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0}>
                          <Tag color="blue">a</Tag>
                          <Tag>a</Tag>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    </Table.Summary>
                  )}
                />
              </Space>
              <Alert type="warning" showIcon title="a" />
            </Layout.Content>
            <Modal open={false} />
          </Layout>
        </Layout>
      </AntApp>
    </DeskTheme>
  );
}

/** The first screen's antd styles as one plain stylesheet, ending with cssinjs's map of the styles it holds. */
export function startStyles(): string {
  const cache = createCache();
  renderToString(
    <StyleProvider cache={cache}>
      <FirstScreenSample />
    </StyleProvider>,
  );
  return extractStyle(cache, { plain: true, types: 'style' });
}
