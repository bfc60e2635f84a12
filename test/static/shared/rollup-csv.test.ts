import { percent } from '@shared/components/progress-meter';
import { BOM, csvField, csvFileName, rollupCsv, rollupCsvRows, toCsv } from '@shared/rollup-csv';
import { projectPageObjectives } from '../../../static/project-page/src/export-rollup';
import { aPage, ANA, BEN, LEAD, USERS } from '../project-page/page-builders';

/** The file's lines without the byte-order mark, split on CRLF (the last line ends too). */
const lines = (csv: string) => csv.slice(BOM.length).split('\r\n').slice(0, -1);

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['x', 1]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe('a,b\r\nx,1\r\n');
  });

  it('quotes a field holding a comma, a quote, a line break or edge spaces, doubling its quotes', () => {
    expect(csvField('Grow, then keep')).toBe('"Grow, then keep"');
    expect(csvField('The "fast" path')).toBe('"The ""fast"" path"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('plain words')).toBe('plain words');
    expect(csvField('Zoë · 50%')).toBe('Zoë · 50%');
  });

  it('writes text a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1 more')).toBe("'+1 more");
    expect(csvField('-2 fewer')).toBe("'-2 fewer");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    // not at the start: plain text
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers (a negative one is no formula), and nothing for null', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('reads back as the cells it was given, with a quoted line break inside one field', () => {
    const csv = toCsv(['Title'], [['two\nlines, "quoted"']]);
    expect(csv.slice(1)).toBe('Title\r\n"two\nlines, ""quoted"""\r\n');
  });
});

describe("a period's rollup as CSV", () => {
  const view = aPage();
  const names = {
    level: (id: string) => ({ organisation: 'Organisation', workgroup: 'Workgroup' })[id] ?? id,
    owner: (id: string) => USERS[id as keyof typeof USERS] ?? id,
  };

  it("has one row per objective the page shows, with the page's figures", () => {
    const csv = rollupCsv(projectPageObjectives(view), names);
    const [header, ...rows] = lines(csv);
    expect(header).toBe(
      'Objective,Title,Level,Workgroup,Owner,Status,Progress %,Key results,Key results (progress),Work done,Work total',
    );
    expect(rows).toEqual([
      'O-2,Checkout converts better,Workgroup,Checkout squad,Ana Alves,At risk,25,2,KR-1 Conversion rate (50%); KR-2 Payment bugs fixed (30%),2,4',
      'O-3,Faster page loads,Workgroup,Checkout squad,Ben Brown,On track,60,0,,2,4',
      'O-4,One-click payment,Workgroup,Checkout squad,Ana Alves,Off track,10,0,,2,4',
      'O-5,Refunds in a day,Workgroup,Payments,Ben Brown,Stale,,0,,2,4',
      'O-1,Customers pay without friction,Organisation,,Lea Lead,On track,40,0,,2,4',
    ]);
    expect([ANA, BEN, LEAD].every((id) => !csv.includes(id))).toBe(true);
  });

  it('prints each progress as the progress meter does, and the work as the tree counts it', () => {
    const rows = rollupCsvRows(projectPageObjectives(view), names);
    const entries = [...view.workgroups.flatMap((w) => w.objectives), ...view.aligned];
    for (const [i, entry] of entries.entries()) {
      const row = rows[i]!;
      const progress = entry.rollup?.progress ?? null;
      expect(row[6] === null ? null : `${row[6]}%`).toBe(progress === null ? null : percent(progress));
      expect([row[9], row[10]]).toEqual([entry.rollup!.work.done, entry.rollup!.work.issues]);
    }
  });

  it('writes an objective listed twice (a workgroup objective also served by another) once', () => {
    const o2 = view.workgroups[0]!.objectives[0]!;
    const rows = rollupCsvRows([...projectPageObjectives(view), { entry: o2, workgroup: 'Checkout squad' }], names);
    expect(rows.filter((r) => r[0] === 'O-2')).toHaveLength(1);
  });

  it('guards a title that starts like a formula', () => {
    const o2 = view.workgroups[0]!.objectives[0]!;
    const evil = { ...o2, objective: { ...o2.objective, title: '=cmd|"/c calc"!A1' } };
    const [row] = lines(rollupCsv([{ entry: evil, workgroup: null }], names)).slice(1);
    expect(row!.split(',')[1]).toBe(`"'=cmd|""/c calc""!A1"`);
  });

  it('names the file by project and period', () => {
    expect(csvFileName('SHOP', '2026-q4')).toBe('tether-SHOP-2026-q4.csv');
    expect(csvFileName('SHOP', 'all periods')).toBe('tether-SHOP-all-periods.csv');
  });
});
