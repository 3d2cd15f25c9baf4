import { Alert, Collapse, Select, Table, Tag, Typography } from 'antd';
import { useT } from '../lib/i18n.ts';

/**
 * How an uploaded sheet's columns were read (the dry run's answer, or a refused upload's error details): each
 * matched column with its field, the columns matched to nothing, warnings, and every field the import knows.
 */
export type ColumnReport = {
  columns: { letter: string; header: string; key: string; label: string; unit: string | null }[];
  unknown: { letter: string; header: string }[];
  warnings: string[];
  fields: { key: string; label: string; required: boolean }[];
};

type Row = { letter: string; header: string; key: string | null; unit: string | null };

/** The column report of a refused upload travels in the error's details; read it if it is there. */
export function columnReportOf(details: unknown): ColumnReport | null {
  const d = details as Partial<ColumnReport> | null | undefined;
  return d && Array.isArray(d.columns) && Array.isArray(d.unknown) && Array.isArray(d.fields)
    ? (d as ColumnReport)
    : null;
}

/**
 * 列识别: how each column of the user's sheet was read, and a choice to correct it. A correction re-runs the check;
 * the import remembers it for the next file with the same headers. Shared by every Excel import (projects,
 * indicator tables); a long list of fields (an indicator table has two per indicator) can be searched.
 */
export function ColumnMapping({
  report,
  onChange,
  disabled,
}: {
  report: ColumnReport;
  onChange: (header: string, key: string | null) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const rows: Row[] = [
    ...report.columns.map((c) => ({ letter: c.letter, header: c.header, key: c.key, unit: c.unit })),
    ...report.unknown.map((u) => ({ letter: u.letter, header: u.header, key: null, unit: null })),
  ].sort((a, b) => a.letter.length - b.letter.length || a.letter.localeCompare(b.letter));
  const used = new Set(report.columns.map((c) => c.key));
  const missing = report.fields.filter((f) => f.required && !used.has(f.key));
  const options = [
    { value: '', label: t('import.mapping.ignore') },
    ...report.fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} *` : f.label })),
  ];
  const open = report.unknown.length > 0 || missing.length > 0;
  return (
    <Collapse
      size="small"
      defaultActiveKey={open ? ['m'] : []}
      items={[
        {
          key: 'm',
          label: t('import.mapping.title', { matched: report.columns.length, unknown: report.unknown.length }),
          children: (
            <>
              {missing.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 8 }}
                  title={t('import.mapping.missing', { names: missing.map((f) => f.label).join('、') })}
                />
              )}
              {report.warnings.map((w) => (
                <Alert key={w} type="warning" showIcon style={{ marginBottom: 8 }} title={w} />
              ))}
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('import.mapping.help')}
              </Typography.Paragraph>
              <Table<Row>
                size="small"
                rowKey="letter"
                pagination={false}
                dataSource={rows}
                columns={[
                  { title: t('import.mapping.column'), dataIndex: 'letter', width: 48 },
                  {
                    title: t('import.mapping.header'),
                    dataIndex: 'header',
                    render: (h: string, r) => (
                      <>
                        {h} {r.unit && <Tag>{r.unit}</Tag>}
                      </>
                    ),
                  },
                  {
                    title: t('import.mapping.field'),
                    dataIndex: 'key',
                    width: 220,
                    render: (key: string | null, r) => (
                      <Select
                        size="small"
                        style={{ width: '100%' }}
                        value={key ?? ''}
                        options={options}
                        disabled={disabled}
                        showSearch={options.length > 12 ? { optionFilterProp: 'label' } : undefined}
                        popupMatchSelectWidth={false}
                        aria-label={t('import.mapping.fieldOf', { header: r.header })}
                        status={key === null ? 'warning' : undefined}
                        onChange={(v) => onChange(r.header, v === '' ? null : v)}
                      />
                    ),
                  },
                ]}
              />
            </>
          ),
        },
      ]}
    />
  );
}
