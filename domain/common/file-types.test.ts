import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extensionOf, identifyFile, safeFileName } from './file-types.ts';

const bytes = (...xs: (number | string)[]) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));
const PDF = bytes('%PDF-1.7\n');
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0);
const OLE = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe1);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const WEBP = bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ');

describe('identifyFile', () => {
  it.each([
    ['立项批复.pdf', PDF, 'application/pdf', 'document'],
    ['施工许可证.OFD', ZIP, 'application/ofd', 'document'],
    ['可研报告.docx', ZIP, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
    ['投资明细.xls', OLE, 'application/vnd.ms-excel', 'document'],
    ['情况说明.wps', OLE, 'application/vnd.ms-works', 'document'],
    ['现场照片.JPG', JPEG, 'image/jpeg', 'photo'],
    ['航拍.png', PNG, 'image/png', 'photo'],
    ['夜景.webp', WEBP, 'image/webp', 'photo'],
  ])('accepts %s', (name, head, mediaType, kind) => {
    expect(identifyFile(name, head)).toEqual({ ok: true, extension: extensionOf(name), mediaType, kind });
  });

  it('refuses types not on the list, naming what may be uploaded', () => {
    const r = identifyFile('setup.exe', bytes('MZ'));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('不支持的文件类型(.exe)') });
    expect(identifyFile('无扩展名', PDF)).toMatchObject({ ok: false, message: expect.stringContaining('可上传PDF') });
    expect(identifyFile('page.html', bytes('<html>'))).toMatchObject({ ok: false });
    expect(identifyFile('icon.svg', bytes('<svg'))).toMatchObject({ ok: false });
  });

  it('refuses content that does not match its extension (a renamed file)', () => {
    expect(identifyFile('批复.pdf', bytes('MZ\x90\x00'))).toEqual({
      ok: false,
      message: '文件内容与扩展名 .pdf 不符,请确认文件未损坏或被改名',
    });
    expect(identifyFile('照片.jpg', PNG)).toMatchObject({ ok: false });
    expect(identifyFile('表.xlsx', OLE)).toMatchObject({ ok: false });
    expect(identifyFile('空.pdf', new Uint8Array())).toEqual({ ok: false, message: '文件是空的' });
  });
});

describe('safeFileName', () => {
  it('keeps a normal Chinese name and strips paths and control characters', () => {
    expect(safeFileName('关于某某项目的批复(2026)12号.pdf')).toBe('关于某某项目的批复(2026)12号.pdf');
    expect(safeFileName('C:\\Users\\张三\\Desktop\\照片.jpg')).toBe('照片.jpg');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\u0000b\r\n"c".pdf')).toBe('abc.pdf');
    expect(safeFileName('  ')).toBe('附件');
    expect(safeFileName('..')).toBe('附件');
  });

  it('shortens long names to 120 characters keeping the extension (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 400 }), (s) => {
        const out = safeFileName(`${s}.pdf`);
        expect(out.length).toBeLessThanOrEqual(120);
        expect([...out].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20)).toBe(false);
      }),
    );
    expect(safeFileName(`${'长'.repeat(200)}.docx`)).toMatch(/^长{115}\.docx$/);
  });
});
