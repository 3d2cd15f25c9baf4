import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderChartPng } from './chart-render.ts';
import { chineseNumber, LINE_TWIPS, type OfficialDocument, officialDate, officialDocx } from './docx-official.ts';

async function open(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const text = async (name: string) => {
    const f = zip.file(name);
    if (!f) throw new Error(`no ${name} in the package`);
    return f.async('string');
  };
  return { zip, text };
}

/** The w:p elements of a part, each as its XML. */
const paragraphs = (xml: string) => xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
const textOf = (xml: string) =>
  (xml.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('');

const chart = await renderChartPng(
  {
    xAxis: { type: 'category', data: ['1月', '2月', '3月'] },
    yAxis: { type: 'value' },
    series: [{ type: 'line', data: [1, 2, 3] }],
  },
  { width: 800, height: 400 },
);

const DOC: OfficialDocument = {
  title: '示范市2026年1-9月经济运行分析',
  subtitle: '(2026年10月)',
  office: '示范市统计局',
  date: '2026-10-08',
  blocks: [
    { kind: 'heading1', text: '总体情况' },
    { kind: 'paragraph', text: '前三季度,生产总值增长6.1%,排在全省11个市第9位。' },
    { kind: 'heading2', text: '工业' },
    { kind: 'paragraph', text: '规上工业增加值增长7.2%。' },
    {
      kind: 'table',
      caption: '表1 主要指标',
      columns: [{ header: '指标', weight: 3 }, { header: '累计值(亿元)' }, { header: '增速(%)' }],
      rows: [
        ['地区生产总值', '1234.56', '6.1'],
        ['规上工业增加值', null, '7.2'],
      ],
    },
    { kind: 'heading1', text: '走势' },
    { kind: 'image', png: chart.png, width: chart.width, height: chart.height, caption: '图1 走势' },
    { kind: 'note', text: '注:增速按可比价格计算。' },
  ],
};

describe('official document (.docx, GB/T 9704 layout)', () => {
  it('lays out A4 with the 公文 margins, exact lines for 22 a page and page numbers on the outer side', async () => {
    const { text } = await open(await officialDocx(DOC));
    const xml = await text('word/document.xml');
    // 210 × 297 mm; top 37, bottom 35, left 28, right 26 mm, in twips
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
    // 22 lines in the 225 mm type area
    expect(LINE_TWIPS * 22).toBeLessThanOrEqual(((297 - 37 - 35) * 1440) / 25.4);
    expect(LINE_TWIPS * 23).toBeGreaterThan(((297 - 37 - 35) * 1440) / 25.4);
    const bodyPara = paragraphs(xml).find((p) => textOf(p).startsWith('前三季度'))!;
    expect(bodyPara).toContain(`w:line="${LINE_TWIPS}"`);
    expect(bodyPara).toContain('w:lineRule="exact"');
    expect(bodyPara).toContain('w:firstLine="640"'); // two 16 pt characters
    expect(bodyPara).toContain('w:eastAsia="仿宋_GB2312"');
    expect(bodyPara).toContain('<w:sz w:val="32"/>'); // 3号

    // odd pages: right, even pages: left; "— 1 —" in 4号 宋体
    expect(await text('word/settings.xml')).toContain('<w:evenAndOddHeaders');
    const refs = [...xml.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['default', 'even']);
    const footers = await Promise.all([text('word/footer1.xml'), text('word/footer2.xml')]);
    for (const f of footers) {
      expect(f).toContain('PAGE');
      expect(textOf(f)).toBe('—  —');
      expect(f).toContain('<w:sz w:val="28"/>');
      expect(f).toContain('w:eastAsia="宋体"');
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
  });

  it('names the fonts officials have: 小标宋 title, 黑体 and 楷体 headings, numbered; 宋体/仿宋/楷体 as alternatives', async () => {
    const { text } = await open(await officialDocx(DOC));
    const xml = await text('word/document.xml');
    const ps = paragraphs(xml);
    const title = ps.find((p) => textOf(p) === DOC.title)!;
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>'); // 2号
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(ps.find((p) => textOf(p) === '一、总体情况')).toContain('w:eastAsia="黑体"');
    expect(ps.find((p) => textOf(p) === '二、走势')).toContain('w:eastAsia="黑体"');
    expect(ps.find((p) => textOf(p) === '（一）工业')).toContain('w:eastAsia="楷体_GB2312"');

    const fonts = await text('word/fontTable.xml');
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fonts).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/);

    // the office centred over the date, the date in Chinese form, 4 characters from the right
    const date = ps.find((p) => textOf(p) === '2026年10月8日')!;
    expect(date).toContain('w:right="1280"');
    expect(ps.some((p) => textOf(p) === '示范市统计局')).toBe(true);
  });

  it('writes tables with a bold header, borders, numbers right-aligned and "—" for a blank', async () => {
    const { text } = await open(await officialDocx(DOC));
    const xml = await text('word/document.xml');
    const tbl = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    const rows = tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g)!;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[0]).toContain('<w:b/>');
    expect(textOf(rows[0]!)).toBe('指标累计值(亿元)增速(%)');
    const cells = rows[1]!.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!;
    expect(textOf(cells[1]!)).toBe('1234.56');
    expect(cells[1]).toContain('<w:jc w:val="right"/>');
    expect(cells[0]).toContain('<w:jc w:val="left"/>');
    expect(cells[1]).toContain('w:line="312"'); // 小四 in exact single lines, not the 28.95 pt body lines
    expect(cells[1]).toContain('<w:sz w:val="24"/>');
    expect(cells[1]).toMatch(/<w:top w:val="single"/);
    expect(textOf(rows[2]!.match(/<w:tc>[\s\S]*?<\/w:tc>/g)![1]!)).toBe('—');
    expect(textOf(xml)).toContain('表1 主要指标');
  });

  it('embeds the chart PNG, shrunk to the text width, with its caption', async () => {
    const { zip, text } = await open(await officialDocx(DOC));
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.equals(chart.png)).toBe(true);
    const xml = await text('word/document.xml');
    // 156 mm of text = 589 px at 96 dpi; 800 × 400 becomes 589 × 295 (EMU = px × 9525)
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(xml)!;
    expect(Number(extent[1]) / 9525).toBe(589);
    expect(Number(extent[2]) / 9525).toBe(295);
    expect(await text('word/_rels/document.xml.rels')).toContain(media[0]!.replace('word/', ''));
    expect(textOf(xml)).toContain('图1 走势');
  });

  it('numbers and dates the Chinese way', () => {
    expect([1, 9, 10, 11, 20, 23].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '二十', '二十三']);
    expect(officialDate('2026-01-05')).toBe('2026年1月5日');
    expect(officialDate('二〇二六年一月')).toBe('二〇二六年一月');
  });
});
