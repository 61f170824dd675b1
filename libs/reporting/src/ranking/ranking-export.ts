import ExcelJS from 'exceljs';
import type { RankingReport } from './ranking';
import { toCsv } from '../export/csv';

/** Chinese column headers of the ranking table (每月一排名通报), per kind. */
const COLUMNS: Record<string, Array<[string, string]>> = {
  hotline: [
    ['rank', '排名'],
    ['unitId', '单位编码'],
    ['unitName', '单位名称'],
    ['score', '综合得分'],
    ['dispatched', '派单数'],
    ['responseRate', '响应率'],
    ['onTimeRate', '按时办结率'],
    ['resolutionRate', '解决率'],
    ['satisfactionRate', '满意率'],
    ['replied', '办结数'],
    ['visited', '回访数'],
    ['overdue', '超期件数'],
    ['reopened', '重办数'],
    ['previousRank', '上月排名'],
    ['rankChange', '名次变化'],
  ],
  petition: [
    ['rank', '排名'],
    ['unitId', '单位编码'],
    ['unitName', '单位名称'],
    ['score', '综合得分'],
    ['assigned', '交办件数'],
    ['acceptOnTimeRate', '按期告知受理率'],
    ['handleOnTimeRate', '按期办结率'],
    ['closeRate', '办结率'],
    ['replied', '答复件数'],
    ['closed', '办结件数'],
    ['overdue', '超期件数'],
    ['previousRank', '上月排名'],
    ['rankChange', '名次变化'],
  ],
  supervision: [
    ['rank', '排名'],
    ['unitId', '单位编码'],
    ['unitName', '单位名称'],
    ['score', '综合得分'],
    ['deadlinesDue', '到期时限数'],
    ['onTimeRate', '按时率'],
    ['lowEscalationRate', '低层级督办占比'],
    ['overdue', '超期数'],
    ['warnings', '预警'],
    ['level1', '一级督办'],
    ['level2', '二级督办'],
    ['level3', '三级督办'],
    ['previousRank', '上月排名'],
    ['rankChange', '名次变化'],
  ],
};

const columnsOf = (report: RankingReport) => COLUMNS[report.kind] ?? COLUMNS.hotline;
const cell = (v: unknown) => (v === null || v === undefined ? '' : v);
const isRate = (key: string) => key.endsWith('Rate');
/** Count columns add up in the 合计 row; rates, scores and ranks do not. */
const isCount = (key: string) => !isRate(key) && !['rank', 'unitId', 'unitName', 'score', 'previousRank', 'rankChange'].includes(key);

const KIND_TITLE: Record<string, string> = { hotline: '12345热线承办单位考核排名通报', petition: '信访事项办理考核排名通报', supervision: '督办事项办理考核排名通报' };
const RATE_NAMES: Record<string, string> = {
  responseRate: '响应率',
  onTimeRate: '按时办结率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  acceptOnTimeRate: '按期告知受理率',
  handleOnTimeRate: '按期办结率',
  closeRate: '办结率',
  lowEscalationRate: '低层级督办占比',
};

/** 2026-03 → 2026年3月. */
const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
/** An ISO time with offset → 2026年4月1日 02:00 (北京时间). */
function beijing(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${t.slice(0, 4)}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}
const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
const percent = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : '');
/** The lists a unit is on, as the JSON's `top` and `bottom` say — both when there are fewer units than both lists. */
const listOf = (report: RankingReport, unitId: string) =>
  [report.top.some((u) => u.unitId === unitId) ? '红榜' : '', report.bottom.some((u) => u.unitId === unitId) ? '黑榜' : ''].filter(Boolean).join('、');

/** The 合计 row: counts summed; rates, scores and ranks left empty. */
function totals(report: RankingReport, cols: Array<[string, string]>): unknown[] {
  return cols.map(([k], i) => (i === 0 ? '合计' : isCount(k) ? report.rows.reduce((sum, r) => sum + (Number((r as Record<string, unknown>)[k]) || 0), 0) : ''));
}

/** The weights, in words: 响应率 30%，解决率 35% … (rates weighing 0 are reported, not scored). */
export function weightsInWords(report: RankingReport): string {
  const entries = Object.entries(report.weights as Record<string, number>);
  const sum = entries.reduce((s, [, w]) => s + w, 0) || 1;
  const scored = entries.filter(([, w]) => w > 0).map(([k, w]) => `${RATE_NAMES[k] ?? k} ${((w / sum) * 100).toFixed(0)}%`);
  const shown = entries.filter(([, w]) => w === 0).map(([k]) => RATE_NAMES[k] ?? k);
  return `综合得分 = 100 × 各项比率的加权平均（${scored.join('，')}）${shown.length ? `；${shown.join('、')}只通报、不计分` : ''}；某项无数据（分母为零）时不计，其余权重按比例放大。`;
}

/** The table as CSV: the same rows as the JSON view, rates as percentages, 榜单 marked, a 合计 row. */
export function rankingCsv(report: RankingReport): string {
  const cols = columnsOf(report);
  return toCsv(
    [...cols.map(([, h]) => h), '榜单'],
    [
      ...report.rows.map((r) => [...cols.map(([k]) => (isRate(k) ? percent((r as Record<string, unknown>)[k]) : (r as Record<string, unknown>)[k])), listOf(report, r.unitId)]),
      [...totals(report, cols), ''],
    ],
  );
}

/**
 * The 通报 as an office prints it: a title, the period and the publication time in Beijing time, the table with rates
 * as percentages, 红榜 and 黑榜 marked, a 合计 row; landscape A4 fitted to one page wide with the header repeated;
 * the weights explained in Chinese on 说明.
 */
export async function rankingXlsx(report: RankingReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qingfeng 清风';
  const cols = [...columnsOf(report), ['list', '榜单'] as [string, string]];
  const title = `${monthTitle(report.month)}${KIND_TITLE[report.kind] ?? KIND_TITLE.hotline}`;
  const sheet = wb.addWorksheet('排名', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = cols.map(([key]) => ({ key, width: key === 'unitName' ? 26 : key === 'unitId' ? 12 : isRate(key) ? 13 : 10 }));
  const last = String.fromCharCode('A'.charCodeAt(0) + cols.length - 1);
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 16 };
  sheet.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  sheet.mergeCells(`A2:${last}2`);
  const period = `统计期间：${monthTitle(report.month)}1日至${lastDay(report.month)}日（北京时间）`;
  const stamp = report.published ? `发布时间：${beijing(report.generatedAt)}` : `生成时间：${beijing(report.generatedAt)}（实时数据，未发布）`;
  sheet.getCell('A2').value = `${period}　　${stamp}${report.knownAt ? `　　截至记录时间：${beijing(report.knownAt)}` : ''}`;
  sheet.getCell('A2').alignment = { horizontal: 'center' };
  const header = sheet.addRow(cols.map(([, h]) => h));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
  for (const r of report.rows) {
    const list = listOf(report, r.unitId);
    const row = sheet.addRow(cols.map(([k]) => (k === 'list' ? list : cell((r as Record<string, unknown>)[k]))));
    if (list) row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: list.startsWith('红榜') ? 'FFFDE2E2' : 'FFE0E0E0' } }));
  }
  const total = sheet.addRow([...totals(report, columnsOf(report)), '']);
  total.font = { bold: true };
  cols.forEach(([k], i) => {
    const column = sheet.getColumn(i + 1);
    if (isRate(k)) column.numFmt = '0.00%';
    else if (k === 'score') column.numFmt = '0.00';
  });
  sheet.pageSetup.printTitlesRow = '3:3';
  sheet.views = [{ state: 'frozen', ySplit: 3 }];

  const info = wb.addWorksheet('说明', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  info.columns = [{ width: 14 }, { width: 110 }];
  info.addRow(['通报', title]).font = { bold: true };
  info.addRow(['统计期间', period.replace('统计期间：', '')]);
  info.addRow([report.published ? '发布时间' : '生成时间', beijing(report.generatedAt)]);
  info.addRow(['计分方法', weightsInWords(report)]);
  info.addRow(['红榜', report.top.map((u) => `${u.rank}. ${u.unitName}`).join('，')]);
  info.addRow(['黑榜（末位约谈）', report.bottom.map((u) => `${u.rank}. ${u.unitName}`).join('，')]);
  info.addRow(['排名规则', '按综合得分从高到低排名，得分相同者名次相同，其后名次顺延（如 1、2、2、4）；名次变化 = 上月排名 − 本月排名，正数为上升。']);
  info.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
