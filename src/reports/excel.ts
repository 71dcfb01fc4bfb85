import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded on the first export rather than at start: it is about 27 MB of the service's
 * resident memory and most processes never build a spreadsheet.
 */
let excel: Promise<typeof ExcelJSModule> | undefined;
export function loadExcel(): Promise<typeof ExcelJSModule> {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
}
