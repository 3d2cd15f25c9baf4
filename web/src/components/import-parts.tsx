import { Button, Card, Col, Grid, Row, Space, Statistic, Table, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../api/client.ts';
import type { T } from '../lib/i18n.ts';
import { useT } from '../lib/i18n.ts';

/**
 * The pieces every Excel import drawer shares (projects, indicator tables, later task plans): the counts of a dry
 * run, the rejected rows, the browser-side file check, the "please wait" seconds and the footer. The flow that
 * puts them together (file, 预检, 列识别, 错误原因表, 确认导入) is import-flow.tsx; these keep the words (`import.*`)
 * and the look the same everywhere.
 */
export type ImportCountsOutcome = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { row: number; column: string; message: string }[];
};

/** How many rows have at least one problem (a row may have several). */
export const rowsWithErrors = (o: ImportCountsOutcome): number => new Set(o.rejected.map((r) => r.row)).size;

/** "1.5 MB", "820 KB": sizes in the messages about the upload limit. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${n} B`;
}

/** Why a chosen workbook is not sent at all (checked in the browser before any upload), or null. */
export function xlsxProblem(t: T, file: { name: string; size: number }, maxBytes: number): string | null {
  if (!/\.xlsx$/i.test(file.name)) return t('import.notXlsx', { name: file.name });
  if (file.size === 0) return t('import.emptyFile', { name: file.name });
  if (file.size > maxBytes) {
    return t('import.tooLarge', { name: file.name, size: formatBytes(file.size), max: formatBytes(maxBytes) });
  }
  return null;
}

/** The server's reasons a whole file was refused (missing columns, not a workbook), else its message. */
export const reasonsOf = (err: unknown): string[] => {
  if (!isApiError(err)) return [err instanceof Error ? err.message : String(err)];
  const fields = err.fields.map((f) => f.message).filter(Boolean);
  return fields.length ? fields : [err.message];
};

/** Seconds since `running` became true, for the "please wait" line of a long check. */
export function useElapsed(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
}

/** 新增 / 更新 / 无变化 / 有误: `unit` names what the first three count (行, 项); 有误 always counts rows. */
export function ImportCounts({ outcome, unit }: { outcome: ImportCountsOutcome; unit?: string }) {
  const t = useT();
  const rows = t('import.rowsUnit');
  const items = [
    { key: 'created', title: t('import.created'), value: outcome.created, color: '#389e0d', unit },
    { key: 'updated', title: t('import.updated'), value: outcome.updated, color: '#1677ff', unit },
    { key: 'unchanged', title: t('import.unchanged'), value: outcome.unchanged, color: '#8c8c8c', unit },
    {
      key: 'rejected',
      title: t('import.rejected'),
      value: rowsWithErrors(outcome),
      color: outcome.rejected.length ? '#cf1322' : '#8c8c8c',
      unit: rows,
    },
  ];
  return (
    <Row gutter={[8, 8]} data-testid="import-counts">
      {items.map((i) => (
        <Col key={i.key} span={6}>
          <Card size="small" styles={{ body: { padding: '8px 10px' } }}>
            <Statistic
              title={i.title}
              value={i.value}
              suffix={<span style={{ fontSize: 13 }}>{i.unit ?? rows}</span>}
              styles={{ content: { color: i.color, fontSize: 20 } }}
              aria-label={`${i.title} ${i.value}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type Rejection = ImportCountsOutcome['rejected'][number];

/** 行号 / 列 / 原因 of every rejected row, ten to a page. */
export function RejectedTable({ rows }: { rows: Rejection[] }) {
  const t = useT();
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Table<Rejection & { key: number }>
      size="small"
      data-testid="import-rejected"
      dataSource={rows.map((r, i) => ({ ...r, key: i }))}
      columns={[
        { title: t('import.col.row'), dataIndex: 'row', width: phone ? 52 : 64, align: 'center' },
        { title: t('import.col.column'), dataIndex: 'column', width: phone ? 96 : 140 },
        { title: t('import.col.message'), dataIndex: 'message' },
      ]}
      pagination={{
        pageSize: 10,
        hideOnSinglePage: true,
        showSizeChanger: false,
        size: 'small',
        showTotal: (n) => t('common.total', { total: n }),
      }}
    />
  );
}

/**
 * The footer: 取消 · 预检/重新预检 · 确认导入 (only after a dry run of this file, and only when something would be
 * written); after the import, 再导入一个 · 完成.
 */
export function ImportFooter(p: {
  done: boolean;
  hasFile: boolean;
  checked: boolean;
  checking: boolean;
  committing: boolean;
  writable: number;
  badRows: number;
  onCheck: () => void;
  onCommit: () => void;
  onAgain: () => void;
  onClose: () => void;
}) {
  const t = useT();
  if (p.done) {
    return (
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={p.onAgain}>{t('import.again')}</Button>
        <Button type="primary" onClick={p.onClose}>
          {t('import.finish')}
        </Button>
      </Space>
    );
  }
  return (
    <Space style={{ width: '100%', justifyContent: 'flex-end' }} wrap>
      <Button onClick={p.onClose} disabled={p.committing}>
        {t('common.cancel')}
      </Button>
      <Button
        type={p.checked ? 'default' : 'primary'}
        disabled={!p.hasFile || p.committing}
        loading={p.checking}
        onClick={p.onCheck}
      >
        {p.checked ? t('import.recheck') : t('import.check')}
      </Button>
      <Tooltip title={p.checked ? undefined : t('import.needCheck')}>
        <Button
          type="primary"
          disabled={!p.checked || p.writable === 0 || p.checking}
          loading={p.committing}
          onClick={p.onCommit}
        >
          {p.badRows > 0 && p.writable > 0 ? t('import.confirmValid') : t('import.confirm')}
        </Button>
      </Tooltip>
    </Space>
  );
}
