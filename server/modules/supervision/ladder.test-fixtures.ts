// Helpers of the ladder's API tests (not a test file itself). Used only by *.routes.test.ts.
import JSZip from 'jszip';

/** The text of every paragraph and table cell of a .docx, in document order. */
export async function docxTexts(payload: Buffer): Promise<{ paragraphs: string[]; cells: string[][][] }> {
  const zip = await JSZip.loadAsync(payload);
  const xml = await zip.file('word/document.xml')!.async('string');
  const unxml = (s: string) =>
    s
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  const texts = (x: string, tag: 'w:tc' | 'w:p') =>
    (x.match(new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`, 'g')) ?? []).map((el) =>
      unxml((el.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('')),
    );
  const cells = (xml.match(/<w:tbl[ >][\s\S]*?<\/w:tbl>/g) ?? []).map((tbl) =>
    (tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) => texts(tr, 'w:tc')),
  );
  return { paragraphs: texts(xml, 'w:p'), cells };
}
