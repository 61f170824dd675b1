import type ExcelJS from 'exceljs';

/** A CSV export as rows of cells (the exports write a BOM and CRLF line ends, and quote nothing these tests read). */
export const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));

/** A worksheet's rows as exceljs holds the cell values. */
export const sheetRows = (wb: ExcelJS.Workbook, name: string) => {
  const rows: unknown[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

/** A cell as the text a reader sees ('' when empty). */
export const cellText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** A worksheet's rows as text. */
export const sheetText = (wb: ExcelJS.Workbook, name: string) => sheetRows(wb, name).map((r) => r.map(cellText));
