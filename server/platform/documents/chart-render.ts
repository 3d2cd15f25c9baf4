import { createRequire } from 'node:module';
import path from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { Resvg } from '@resvg/resvg-js';
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Charts for documents (.docx/.xlsx): an ECharts option rendered on the server to SVG (ECharts SSR), then to PNG
 * by resvg with a Simplified Chinese font shipped in an npm package, so Chinese labels render the same on every
 * machine whatever fonts it has (docs/decisions.md, "Chart rendering on the server").
 */
use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

/** The family name inside the shipped font (Noto Sans CJK SC, GB2312 subset, as "Noto Sans S Chinese"). */
export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';

const require = createRequire(import.meta.url);
/** The font files, found next to the package's entry point (its `exports` hide the fonts folder). */
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
/** Regular only: each file costs ~50 ms to load per render, and bold titles fall back to it legibly. */
export const CHART_FONT_FILES = [path.join(FONT_DIR, 'NotoSansHans-Regular.otf')];

export type ChartSize = { width: number; height: number };

/** The option's SVG, laid out at `width` × `height` CSS pixels; animation is off and the text uses the chart font. */
export function renderChartSvg(option: EChartsCoreOption, size: ChartSize): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    const textStyle = (option.textStyle ?? {}) as object;
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      ...option,
      textStyle: { fontFamily: CHART_FONT_FAMILY, ...textStyle },
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * An SVG to PNG at `scale` (2 = sharp when printed at the SVG's size), fonts from the package only. Each text
 * element costs resvg ~5 ms with a large CJK font, so a chart takes ~100–300 ms of CPU. It renders synchronously
 * after yielding one turn of the event loop, so requests interleave between the charts of a report; resvg's
 * `renderAsync` (thread pool) measured 2–10× slower here, serial or side by side (docs/decisions.md).
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  await turn();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: CHART_FONT_FILES,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
      serifFamily: CHART_FONT_FAMILY,
    },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

export type RenderedChart = {
  png: Buffer;
  svg: string;
  /** the chart's size in CSS pixels (the PNG has `scale` times as many) */
  width: number;
  height: number;
};

/** An ECharts option as a PNG for a document, with its SVG. */
export async function renderChartPng(option: EChartsCoreOption, size: ChartSize, scale = 2): Promise<RenderedChart> {
  const svg = renderChartSvg(option, size);
  return { png: await svgToPng(svg, scale), svg, width: size.width, height: size.height };
}
