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

export function rankingCsv(report: RankingReport): string {
  const cols = columnsOf(report);
  return toCsv(
    cols.map(([, h]) => h),
    report.rows.map((r) => cols.map(([k]) => (r as Record<string, unknown>)[k])),
  );
}

/** An .xlsx workbook (exceljs): the table on one sheet, the weights and the red/black lists on another. */
export async function rankingXlsx(report: RankingReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qingfeng 清风';
  const title = `${report.month} ${{ hotline: '12345热线', petition: '信访', supervision: '督办' }[report.kind]} 月度排名${report.published ? '（已发布）' : '（实时）'}`;
  const sheet = wb.addWorksheet('排名');
  const cols = columnsOf(report);
  sheet.columns = cols.map(([key, header]) => ({ header, key, width: key === 'unitName' ? 20 : 12 }));
  for (const r of report.rows) sheet.addRow(Object.fromEntries(cols.map(([k]) => [k, cell((r as Record<string, unknown>)[k])])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const info = wb.addWorksheet('说明');
  info.addRow(['报表', title]);
  info.addRow(['生成时间', report.generatedAt]);
  info.addRow(['权重', JSON.stringify(report.weights)]);
  info.addRow(['红榜', report.top.map((u) => `${u.rank}. ${u.unitName}`).join('，')]);
  info.addRow(['黑榜', report.bottom.map((u) => `${u.rank}. ${u.unitName}`).join('，')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
