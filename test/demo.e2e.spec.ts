import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const ROOT = join(__dirname, '..');

/** Issue 5: `npm run demo` (here at a tenth of its volume) builds the district and writes workbooks that open. */
describe('the demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'qf-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs through the real commands and writes the ranking and clearance workbooks', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/demo.ts'],
        { cwd: ROOT, env: { ...process.env, DEMO_SCALE: '0.1', DEMO_OUT: out, LOG_LEVEL: 'error' }, maxBuffer: 10 * 1024 * 1024, timeout: 240_000 },
        (error, so, se) => (error ? reject(new Error(`${error.message}\n${se}`)) : resolve(so)),
      ),
    );
    expect(stdout).toContain('存量清零、增量随清');
    expect(stdout).toContain('四种形态');
    expect(stdout).toContain('每月一排名');

    const ranking = new ExcelJS.Workbook();
    await ranking.xlsx.readFile(join(out, 'ranking-hotline-2026-03.xlsx'));
    const sheet = ranking.getWorksheet('排名')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('2026年3月12345热线承办单位考核排名通报');
    expect(sheet.getRow(3).getCell(1).value).toBe('排名');
    expect(sheet.rowCount).toBeGreaterThan(8);
    expect(sheet.getRow(4).getCell(1).value).toBe(1);
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('发布时间');

    const clearance = new ExcelJS.Workbook();
    await clearance.xlsx.readFile(join(out, 'clearance-QC-2026Q1.xlsx'));
    const summary = clearance.getWorksheet('汇总')!;
    expect(summary.getRow(3).getCell(1).value).toBe('单位编码');
    const ledger = clearance.getWorksheet('台账')!;
    expect(ledger.rowCount).toBeGreaterThan(50);

    const csv = readFileSync(join(out, 'ranking-hotline-2026-03.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF排名,单位编码,单位名称')).toBe(true);
  }, 300_000);
});
