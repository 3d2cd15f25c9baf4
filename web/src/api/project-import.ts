import type { ProjectListQuery } from '../../../domain/projects/contracts.ts';
import { http } from './client.ts';

/** How the sheet's columns were read (also in a refused upload's error details). */
export type ColumnReport = {
  columns: { letter: string; header: string; key: string; label: string; unit: string | null }[];
  unknown: { letter: string; header: string }[];
  warnings: string[];
  fields: { key: string; label: string; required: boolean }[];
};

/** The user's corrections of the column reading: header → column key, or null to leave the column out. */
export type HeaderMapping = Record<string, string | null>;

/** What an import did (or, in a dry run, would do): counts, and every problem with its row, column and reason. */
export type ImportOutcome = ColumnReport & {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
};
export type ImportRejection = { row: number; column: string; message: string };

/** The server's limit for an uploaded workbook (app.ts multipart `fileSize`, xlsx-read DEFAULT_MAX_BYTES). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const withFile = (file: File, mapping: HeaderMapping = {}) => {
  const form = new FormData();
  // before the file: the server reads fields that precede it
  if (Object.keys(mapping).length) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return form;
};

/** The project library's Excel: the import template, the dry run and real import, the 错误原因 sheet, the ledger. */
export const projectExcelApi = {
  template: () => http.download('/api/projects/import-template.xlsx'),
  /** 预检: nothing is written */
  dryRun: (file: File, mapping: HeaderMapping, signal?: AbortSignal) =>
    http.upload<ImportOutcome>('/api/projects/import', withFile(file, mapping), { dryRun: 'true' }, signal),
  /** 正式导入: every valid row in one transaction; the rejected rows are left out */
  commit: (file: File, mapping: HeaderMapping) =>
    http.upload<ImportOutcome>('/api/projects/import', withFile(file, mapping), { dryRun: 'false' }),
  /** the uploaded sheet given back with a 错误原因 column on every rejected row */
  errorsFile: (file: File, mapping: HeaderMapping) =>
    http.uploadForFile('/api/projects/import/errors.xlsx', withFile(file, mapping)),
  /** the 台账 of the current filter (the server ignores the page: every matching row) */
  ledger: (q: Partial<ProjectListQuery>) => {
    const { page: _page, pageSize: _pageSize, ...filter } = q;
    return http.download('/api/projects/export.xlsx', filter);
  },
};
