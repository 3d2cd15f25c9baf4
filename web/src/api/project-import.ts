import type { ProjectListQuery } from '../../../domain/projects/contracts.ts';
import { type FileResponse, http } from './client.ts';

/** What an import did (or, in a dry run, would do): counts, and every problem with its row, column and reason. */
export type ImportOutcome = {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
};
export type ImportRejection = { row: number; column: string; message: string };

/** The server's limit for an uploaded workbook (app.ts multipart `fileSize`, xlsx-read DEFAULT_MAX_BYTES). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const withFile = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

/** The project library's Excel: the import template, the dry run and real import, the 错误原因 sheet, the ledger. */
export const projectExcelApi = {
  template: () => http.download('/api/projects/import-template.xlsx'),
  /** 预检: nothing is written */
  dryRun: (file: File, signal?: AbortSignal) =>
    http.upload<ImportOutcome>('/api/projects/import', withFile(file), { dryRun: 'true' }, signal),
  /** 正式导入: every valid row in one transaction; the rejected rows are left out */
  commit: (file: File) => http.upload<ImportOutcome>('/api/projects/import', withFile(file), { dryRun: 'false' }),
  /** the uploaded sheet given back with a 错误原因 column on every rejected row */
  errorsFile: (file: File) => http.uploadForFile('/api/projects/import/errors.xlsx', withFile(file)),
  /** the 台账 of the current filter (the server ignores the page: every matching row) */
  ledger: (q: Partial<ProjectListQuery>) => {
    const { page: _page, pageSize: _pageSize, ...filter } = q;
    return http.download('/api/projects/export.xlsx', filter);
  },
};
