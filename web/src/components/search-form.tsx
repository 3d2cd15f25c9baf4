import { DownOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Col, Form, type FormInstance, Grid, Row, Space } from 'antd';
import { Children, isValidElement, type ReactNode, useEffect, useState } from 'react';
import { useT } from '../lib/i18n.ts';

type Values = Record<string, unknown>;

/**
 * The inline search form above a list: fields in a responsive grid, 查询 / 重置 at the end, and 展开 / 收起 when
 * there are more fields than fit in one row. The values come from the URL.
 */
export function SearchForm<V extends Values>({
  values,
  onSearch,
  onReset,
  children,
  form,
  visibleCount = 3,
}: {
  values: V;
  onSearch: (values: V) => void;
  onReset: () => void;
  children: ReactNode;
  form?: FormInstance<V>;
  visibleCount?: number;
}) {
  const t = useT();
  const [own] = Form.useForm<V>();
  const f = form ?? own;
  const [expanded, setExpanded] = useState(false);
  const screens = Grid.useBreakpoint();
  const fields = Children.toArray(children);
  // a phone shows the first field and 展开 for the rest
  const visible = screens.md === false ? 1 : visibleCount;
  const collapsible = fields.length > visible;
  // the URL changed (search, reset, back/forward): show what it says
  const valuesKey = JSON.stringify(values);
  // biome-ignore lint/correctness/useExhaustiveDependencies: valuesKey stands for values
  useEffect(() => {
    f.resetFields();
  }, [valuesKey, f]);
  // a filter in use is never hidden behind 展开
  const hiddenInUse = fields.slice(visible).some((el) => {
    const name = isValidElement<{ name?: unknown }>(el) ? el.props.name : undefined;
    const v = typeof name === 'string' ? values[name] : undefined;
    return v !== undefined && v !== null && v !== '';
  });
  const shown = collapsible && !expanded && !hiddenInUse ? fields.slice(0, visible) : fields;

  return (
    <Form<V>
      form={f}
      name="search"
      initialValues={values}
      onFinish={onSearch}
      layout="horizontal"
      labelWrap
      colon={false}
      role="search"
      className="ls-search-form"
    >
      <Row gutter={[16, 12]}>
        {fields.map((field, i) => (
          <Col
            // biome-ignore lint/suspicious/noArrayIndexKey: the fields are static for a page
            key={i}
            xs={24}
            sm={12}
            lg={8}
            xl={6}
            style={shown.includes(field) ? undefined : { display: 'none' }}
          >
            {field}
          </Col>
        ))}
        <Col flex="auto" style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'flex-start' }}>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                f.resetFields();
                onReset();
              }}
            >
              {t('common.reset')}
            </Button>
            {collapsible && !hiddenInUse && (
              <Button type="link" onClick={() => setExpanded((e) => !e)} style={{ paddingInline: 4 }}>
                {expanded ? t('common.collapse') : t('common.expand')}
                {expanded ? <UpOutlined /> : <DownOutlined />}
              </Button>
            )}
          </Space>
        </Col>
      </Row>
    </Form>
  );
}
