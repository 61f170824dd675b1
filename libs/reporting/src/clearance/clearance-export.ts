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

const isRate = (header: string) => header.endsWith('率');
const percent = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : v);
const totalsRow = (report: ClearanceReport) => ['合计', '', ...HEADERS.slice(2).map(([, f]) => f({ unitId: '', unitName: '', ...report.totals }))];
/** The ledger's case kinds in the words of the office. */
const KIND_NAMES: Record<string, string> = { hotline: '12345工单', petition: '信访件', clue: '问题线索' };
/** An ISO time with offset → 2026年4月1日 02:00 (北京时间). */
function beijing(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 4)}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}
/** An ISO time with offset → 2026-03-16 09:00 (Beijing time), as a ledger shows it; '' stays ''. */
const minute = (iso: string) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
const A4_LANDSCAPE = { paperSize: 9, orientation: 'landscape' as const, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };

/** The per-unit clearance table as CSV: rates as percentages, a 合计 row. */
export function clearanceCsv(report: ClearanceReport): string {
  return toCsv(
    HEADERS.map(([h]) => h),
    [...report.units.map((u) => HEADERS.map(([h, f]) => (isRate(h) ? percent(f(u)) : f(u)))), totalsRow(report).map((v, i) => (isRate(HEADERS[i][0]) ? percent(v) : v))],
  );
}

/**
 * The clearance workbook as an office prints it: 汇总 (per unit, with 合计) and 台账 (one row per case, attributed to
 * units as the summary counts them), each with a title and the moment in Beijing time, landscape A4 one page wide
 * with the header repeated, widths that fit Chinese names.
 */
export async function clearanceWorkbook(report: ClearanceReport, ledger: Array<Record<string, string>>, campaignName = report.campaignId, unlistedKinds: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qingfeng 清风';
  const moment = `时点：${beijing(report.asOf)}（北京时间）${report.knownAt ? `　截至记录时间：${beijing(report.knownAt)}` : ''}`;
  const titled = (name: string, title: string, widths: number[], note = '') => {
    const sheet = wb.addWorksheet(name, { pageSetup: { ...A4_LANDSCAPE }, headerFooter: { oddFooter: '第 &P 页，共 &N 页' } });
    sheet.columns = widths.map((width) => ({ width }));
    const last = String.fromCharCode('A'.charCodeAt(0) + widths.length - 1);
    sheet.mergeCells(`A1:${last}1`);
    sheet.getCell('A1').value = title;
    sheet.getCell('A1').font = { bold: true, size: 16 };
    sheet.getCell('A1').alignment = { horizontal: 'center' };
    sheet.getRow(1).height = 28;
    sheet.mergeCells(`A2:${last}2`);
    sheet.getCell('A2').value = `${moment}${note}`;
    sheet.getCell('A2').alignment = { horizontal: 'center' };
    sheet.pageSetup.printTitlesRow = '3:3';
    sheet.views = [{ state: 'frozen', ySplit: 3 }];
    return sheet;
  };
  const header = (row: ExcelJS.Row) => {
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
  };
  const summary = titled('汇总', `${campaignName}　存量清零、增量随清情况汇总`, HEADERS.map(([h]) => (h === '单位名称' ? 26 : h === '单位编码' ? 12 : 10)));
  header(summary.addRow(HEADERS.map(([h]) => h)));
  for (const u of report.units) summary.addRow(HEADERS.map(([, f]) => f(u)));
  summary.addRow(totalsRow(report)).font = { bold: true };
  HEADERS.forEach(([h], i) => {
    if (isRate(h)) summary.getColumn(i + 1).numFmt = '0.00%';
  });
  // Kinds the summary counts but the caller may not see case by case (clues for the leader): said under the title, so
  // a ledger shorter than the summary is not read as missing cases.
  const unlisted = unlistedKinds.map((k) => KIND_NAMES[k] ?? k).join('、');
  const cases = titled('台账', `${campaignName}　案件台账`, [12, 22, 12, 26, 10, 18, 18, 10, 8], unlisted && `　${unlisted}只计入汇总，不逐件列出`);
  header(cases.addRow(['类别', '编号', '单位编码', '单位名称', '存量/增量', '受理时间', '办结时间', '按时办结', '超期']));
  for (const c of ledger) cases.addRow([KIND_NAMES[c.kind] ?? c.kind, c.caseId, c.unitId, c.unitName, c.part, minute(c.receivedAt), minute(c.clearedAt), c.onTime, c.overdue]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
