import ExcelJS from 'exceljs';
import { toCsv } from '../export/csv';
import type { ClearanceReport } from './clearance.service';

/** The clearance table's columns, with their Chinese headers. */
const HEADERS: Array<[string, (u: ClearanceReport['units'][number]) => unknown]> = [
  ['单位编码', (u) => u.unitId],
  ['单位名称', (u) => u.unitName],
  ['存量总数', (u) => u.stock.total],
  ['存量已清', (u) => u.stock.cleared],
  ['存量剩余', (u) => u.stock.remaining],
  ['存量清零率', (u) => u.stock.rate],
  ['增量受理', (u) => u.increment.received],
  ['增量已清', (u) => u.increment.cleared],
  ['按时办结', (u) => u.increment.clearedOnTime],
  ['增量未结', (u) => u.increment.open],
  ['增量超期', (u) => u.increment.overdue],
  ['存量清零', (u) => (u.achieved.stockCleared ? '是' : '否')],
  ['增量随清', (u) => (u.achieved.incrementCleared ? '是' : '否')],
];

/** The per-unit clearance table as CSV. */
export function clearanceCsv(report: ClearanceReport): string {
  return toCsv(
    HEADERS.map(([h]) => h),
    report.units.map((u) => HEADERS.map(([, f]) => f(u))),
  );
}

/** The clearance workbook: 汇总 (per unit, with totals) and 台账 (one row per case). */
export async function clearanceWorkbook(report: ClearanceReport, ledger: Array<Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qingfeng 清风';
  const summary = wb.addWorksheet('汇总');
  summary.addRow(HEADERS.map(([h]) => h)).font = { bold: true };
  for (const u of report.units) summary.addRow(HEADERS.map(([, f]) => f(u)));
  summary.addRow(['合计', '', ...HEADERS.slice(2).map(([, f]) => f({ unitId: '', unitName: '', ...report.totals }))]).font = { bold: true };
  summary.addRow([`时点 ${report.asOf}`]);
  const cases = wb.addWorksheet('台账');
  cases.addRow(['类别', '编号', '单位编码', '单位名称', '存量/增量', '受理时间', '办结时间', '按时办结', '超期']).font = { bold: true };
  for (const c of ledger) cases.addRow([c.kind, c.caseId, c.unitId, c.unitName, c.part, c.receivedAt, c.clearedAt, c.onTime, c.overdue]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
