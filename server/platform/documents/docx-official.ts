import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

/**
 * Official documents (公文) as .docx, laid out after GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of 28
 * characters, title in 2号 小标宋, body in 3号 仿宋, headings 一、 in 黑体 and (一) in 楷体, page numbers in 4号
 * "— 1 —" on the outer side. The caller describes the content as a small model; every layout decision is here,
 * so a monthly analysis report and a weekly dispatch bulletin look alike.
 *
 * The fonts are named as officials have them (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312); the font table gives each
 * the common Windows font as its alternative (仿宋, 宋体, 楷体), which Word and WPS substitute when it is missing.
 */

// ── the model ─────────────────────────────────────────────────────────────────────────────────────────────
export type TableColumn = {
  header: string;
  /** numbers are right-aligned; default: left for the first column, right for the others */
  align?: 'left' | 'center' | 'right';
  /** relative width (default 1) */
  weight?: number;
};

export type DocBlock =
  /** numbered 一、二、… in 黑体 */
  | { kind: 'heading1'; text: string }
  /** numbered (一)(二)… in 楷体, restarting under each heading1 */
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  /**
   * a table: caption above, header row bold and repeated on each page, empty cells shown as "—"; text in 小四
   * (12 pt), or 五号 (10.5 pt) when `compact` (wide statistical tables)
   */
  | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: (string | null)[][]; compact?: boolean }
  /** a PNG (e.g. from chart-render) shown at `width` × `height` CSS pixels, shrunk to the text width if wider */
  | { kind: 'image'; png: Buffer; width: number; height: number; caption?: string; altText?: string }
  /** a smaller note, e.g. "注:…" under a table or the data source */
  | { kind: 'note'; text: string };

export type OfficialDocument = {
  title: string;
  subtitle?: string;
  /** 发文机关署名 at the end, centred over the date */
  office?: string;
  /** 成文日期, yyyy-MM-dd (printed 2026年10月8日) or already as text */
  date?: string;
  blocks: DocBlock[];
};

// ── GB/T 9704 measures ────────────────────────────────────────────────────────────────────────────────────
const twipsOfMm = (mm: number) => Math.round((mm * 1440) / 25.4);
/** A4 and the margins in twips (1/20 pt). */
export const PAGE = {
  width: twipsOfMm(210),
  height: twipsOfMm(297),
  top: twipsOfMm(37),
  bottom: twipsOfMm(35),
  left: twipsOfMm(28),
  right: twipsOfMm(26),
} as const;
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 22 lines in the 225 mm type area: 28.95 pt, as exact line spacing. */
export const LINE_TWIPS = 579;
/** font sizes in half-points: 2号 22pt, 3号 16pt, 4号 14pt, 小四 12pt, 五号 10.5pt */
const SIZE = { title: 44, body: 32, small: 28, table: 24, compactTable: 21 } as const;
const CHAR_TWIPS = 320; // one 3号 character
const PX_PER_TWIP = 96 / 1440;
const MAX_IMAGE_PX = Math.floor(TEXT_WIDTH * PX_PER_TWIP);

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
/** What the font table offers when a named font is missing. */
const ALTERNATIVES: Record<string, string | undefined> = {
  方正小标宋简体: '宋体',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
};

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (enough for section numbers) */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return String(n);
}

/** yyyy-MM-dd → 2026年10月8日 (GB/T 9704: Arabic numerals, no leading zeros); other text unchanged. */
export function officialDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** Width in characters: CJK and full-width count 1, ASCII ½. */
const charWidth = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exact = { line: LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function run(text: string, fontName: string, size: number, bold = false) {
  return new TextRun({ text, font: font(fontName), size, bold });
}

const body = (text: string, fontName: string = FONTS.body, keepNext = false) =>
  new Paragraph({
    children: [run(text, fontName, SIZE.body)],
    spacing: exact,
    indent: { firstLine: 2 * CHAR_TWIPS },
    alignment: AlignmentType.JUSTIFIED,
    keepNext,
  });

const blank = () => new Paragraph({ children: [], spacing: exact });

const centred = (text: string, fontName: string, size: number, keepNext = false) =>
  new Paragraph({ children: [run(text, fontName, size)], spacing: exact, alignment: AlignmentType.CENTER, keepNext });

// ── tables and images ─────────────────────────────────────────────────────────────────────────────────────
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const CELL_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function table(block: Extract<DocBlock, { kind: 'table' }>): Table {
  const weights = block.columns.map((c) => c.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const size = block.compact ? SIZE.compactTable : SIZE.table;
  // exact single lines: a table reads tighter than the 28.95 pt body lines
  const spacing = { before: 0, after: 0, line: Math.round(size * 10 * 1.3), lineRule: LineRuleType.EXACT };
  const cell = (text: string, width: number, align: keyof typeof ALIGN, header: boolean) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: CELL_BORDERS,
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: 57, right: 57, top: 57, bottom: 57 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[align],
          spacing,
          children: [run(text, header ? FONTS.heading1 : FONTS.body, size, header)],
        }),
      ],
    });
  const alignOf = (i: number) => block.columns[i]!.align ?? (i === 0 ? 'left' : 'right');
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.columns.map((c, i) => cell(c.header, widths[i]!, 'center', true)),
      }),
      ...block.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: block.columns.map((_, i) => cell(r[i] ?? '—', widths[i]!, alignOf(i), false)),
          }),
      ),
    ],
  });
}

function image(block: Extract<DocBlock, { kind: 'image' }>): Paragraph {
  const scale = Math.min(1, MAX_IMAGE_PX / block.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: Boolean(block.caption),
    children: [
      new ImageRun({
        type: 'png',
        data: block.png,
        transformation: { width: Math.round(block.width * scale), height: Math.round(block.height * scale) },
        altText: { name: block.altText ?? block.caption ?? 'chart', description: block.altText ?? block.caption ?? '' },
      }),
    ],
  });
}

// ── the footer: "— 1 —" on the outer side, one character in from the edge of the type area ───────────────
function pageNumberFooter(side: 'right' | 'left'): Footer {
  const indent = side === 'right' ? { right: SIZE.small * 10 } : { left: SIZE.small * 10 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent,
        children: [
          new TextRun({ font: font(FONTS.pageNumber), size: SIZE.small, children: ['— ', PageNumber.CURRENT, ' —'] }),
        ],
      }),
    ],
  });
}

/** The font table: each named font with the GB2312 charset, and an alternative where offices may lack it. */
function fontTableXml(): string {
  const names = [...new Set([...Object.values(FONTS), ...Object.values(ALTERNATIVES).filter(Boolean)])] as string[];
  const entries = names
    .map((n) => {
      const alt = ALTERNATIVES[n];
      return `<w:font w:name="${n}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries}</w:fonts>`;
}

// ── the document ──────────────────────────────────────────────────────────────────────────────────────────
function children(doc: OfficialDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(doc.title, FONTS.title, SIZE.title)],
    }),
  );
  if (doc.subtitle) out.push(centred(doc.subtitle, FONTS.heading2, SIZE.body));
  out.push(blank());

  let h1 = 0;
  let h2 = 0;
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading1':
        h2 = 0;
        out.push(body(`${chineseNumber(++h1)}、${b.text}`, FONTS.heading1, true));
        break;
      case 'heading2':
        out.push(body(`（${chineseNumber(++h2)}）${b.text}`, FONTS.heading2, true));
        break;
      case 'paragraph':
        out.push(body(b.text));
        break;
      case 'note':
        out.push(
          new Paragraph({
            children: [run(b.text, FONTS.body, SIZE.small)],
            spacing: exact,
            indent: { firstLine: 2 * SIZE.small * 10 },
          }),
        );
        break;
      case 'table':
        if (b.caption) out.push(centred(b.caption, FONTS.heading1, SIZE.small, true));
        out.push(table(b));
        out.push(blank());
        break;
      case 'image':
        out.push(image(b));
        if (b.caption) out.push(centred(b.caption, FONTS.heading2, SIZE.small));
        break;
    }
  }

  if (doc.office || doc.date) {
    out.push(blank());
    const date = doc.date ? officialDate(doc.date) : null;
    // 成文日期右空四字; the office is centred over the date
    const dateRight = 4 * CHAR_TWIPS;
    if (doc.office) {
      const shift = date ? ((charWidth(date) - charWidth(doc.office)) / 2) * CHAR_TWIPS : 0;
      out.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: exact,
          indent: { right: Math.max(0, Math.round(dateRight + shift)) },
          children: [run(doc.office, FONTS.body, SIZE.body)],
        }),
      );
    }
    if (date) {
      out.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: exact,
          indent: { right: dateRight },
          children: [run(date, FONTS.body, SIZE.body)],
        }),
      );
    }
  }
  return out;
}

/** The document as .docx bytes. */
export async function officialDocx(doc: OfficialDocument): Promise<Buffer> {
  const file = new Document({
    title: doc.title,
    creator: doc.office ?? '落实',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: twipsOfMm(15),
              // the number's line sits 7 mm under the type area
              footer: twipsOfMm(35 - 7 - 5),
            },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children: children(doc),
      },
    ],
  });
  return Packer.toBuffer(file, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
