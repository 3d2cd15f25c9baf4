import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, renderChartPng, svgToPng } from './chart-render.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
const lineOption = {
  title: { text: '固定资产投资增速' },
  legend: { data: ['示范市', '全省'] },
  xAxis: { type: 'category', data: MONTHS },
  yAxis: { type: 'value', name: '增速(%)' },
  series: [
    {
      name: '示范市',
      type: 'line',
      data: [3.1, 4.2, 5.0, 5.5, 6.1, 6.0, 6.4, 6.8, 7.0, 7.1, 7.3, 7.5],
      markLine: { data: [{ yAxis: 6.5, name: '目标' }], label: { formatter: '目标 6.5%' } },
    },
    { name: '全省', type: 'line', data: [2.0, 3.0, 4.1, 4.5, 5.0, 5.2, 5.4, 5.6, 5.8, 6.0, 6.1, 6.2] },
  ],
};

describe('chart rendering (ECharts SSR → SVG → PNG with the shipped Chinese font)', () => {
  it('renders a line chart with Chinese labels to a PNG of twice the size', async () => {
    const started = performance.now();
    const chart = await renderChartPng(lineOption, { width: 640, height: 360 });
    const ms = performance.now() - started;

    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 1280, height: 720 });
    // the Chinese text is in the SVG as text, in the shipped font's family
    expect(chart.svg).toContain('固定资产投资增速');
    expect(chart.svg).toContain('示范市');
    expect(chart.svg).toContain('目标 6.5%');
    expect(chart.svg).toContain(CHART_FONT_FAMILY);
    // timing is reported, not asserted: the machine is shared (figures in docs/decisions.md)
    console.info(`chart-render: first line chart 640×360 → PNG in ${ms.toFixed(0)} ms`);
  });

  it('draws the Chinese glyphs with the shipped font (not blank boxes): ink where the title is', async () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="30" font-size="28" font-family="${CHART_FONT_FAMILY}">${text}</text></svg>`;
    // a missing font renders nothing at all with system fonts off: the two PNGs would be equal
    const inked = await svgToPng(svg('经济运行'), 1);
    const blank = await svgToPng(svg(''), 1);
    expect(inked.length).toBeGreaterThan(blank.length + 200);
    const other = await svgToPng(svg('分析报告'), 1);
    expect(other.equals(inked)).toBe(false);
  });

  it('renders the next charts faster once loaded, letting timers and I/O run between charts', async () => {
    const option = (i: number) => ({ ...lineOption, title: { text: `第${i + 1}张` } });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    const pngs: Buffer[] = [];
    for (let i = 0; i < 4; i++) pngs.push((await renderChartPng(option(i), { width: 640, height: 360 })).png);
    const each = (performance.now() - started) / 4;
    clearInterval(timer);
    expect(new Set(pngs.map((p) => p.toString('base64'))).size).toBe(4);
    // each render waits one turn of the event loop: the timer ran between them (a plain loop of
    // synchronous renders would let it run 0 times)
    expect(ticks).toBeGreaterThanOrEqual(3);
    console.info(`chart-render: warm line chart 640×360 → PNG in ${each.toFixed(0)} ms each`);
  });

  it('renders a bar chart (ranking) too', async () => {
    const cities = ['甲市', '乙市', '丙市', '示范市', '丁市'];
    const chart = await renderChartPng(
      {
        xAxis: { type: 'category', data: cities },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: [9.2, 8.1, 7.5, 6.1, 5.0] }],
      },
      { width: 480, height: 300 },
      1,
    );
    expect(pngSize(chart.png)).toEqual({ width: 480, height: 300 });
    for (const c of cities) expect(chart.svg).toContain(c);
  });
});
