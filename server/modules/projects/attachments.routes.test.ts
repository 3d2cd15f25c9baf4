import { describe, expect, it } from 'vitest';
import { type Client, ENGINES, useTestApp } from '../../test/harness.ts';
import { multipart, type Part } from '../../test/multipart.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('关于示范项目立项的批复')]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

describe.each(ENGINES)('project attachments on %s', (engine) => {
  const t = useTestApp(engine);
  let coordinator: Client;
  let projectId: string;
  let otherDistrictProject: string;
  const send = (c: Client, id: string, parts: Part[]) => {
    const { payload, contentType } = multipart(parts);
    return c.post(`/api/projects/${id}/attachments`, payload, { 'content-type': contentType });
  };
  const file = (filename: string, data: Buffer): Part => ({ name: 'file', filename, data });

  it('uploads a document and a photo with captions; the list shows them with their uploader', async () => {
    coordinator = await t.login('coordinator');
    const list = (await coordinator.get('/api/projects?regionCode=990102&pageSize=1')).json();
    projectId = list.items[0].id;
    otherDistrictProject = (await coordinator.get('/api/projects?regionCode=990103&pageSize=1')).json().items[0].id;
    const doc = await send(coordinator, projectId, [
      { name: 'caption', data: '立项批复' },
      file('立项批复(示发改〔2026〕12号).pdf', PDF),
    ]);
    expect(doc.statusCode).toBe(201);
    expect(doc.json()).toMatchObject({
      kind: 'document',
      name: '立项批复(示发改〔2026〕12号).pdf',
      caption: '立项批复',
      size: PDF.length,
      mediaType: 'application/pdf',
      uploadedByName: expect.any(String),
    });
    // caption after the file is read too
    const photo = await send(coordinator, projectId, [
      file('现场.jpg', JPEG),
      { name: 'caption', data: '主体结构封顶' },
    ]);
    expect(photo.json()).toMatchObject({ kind: 'photo', caption: '主体结构封顶', mediaType: 'image/jpeg' });
    const items = (await coordinator.get(`/api/projects/${projectId}/attachments`)).json();
    expect(items.items.map((a: { name: string }) => a.name)).toEqual(['立项批复(示发改〔2026〕12号).pdf', '现场.jpg']);
    expect(items.can).toEqual({ upload: true, remove: true });
  });

  it('serves the bytes unchanged, inline for PDF and photos, with safe headers', async () => {
    const items = (await coordinator.get(`/api/projects/${projectId}/attachments`)).json().items;
    const res = await coordinator.get(items[0].url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; .*filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!)).toBe(items[0].name);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe('sandbox');
  });

  it('refuses files that are not on the list, renamed or too large, and writes nothing', async () => {
    const before = (await coordinator.get(`/api/projects/${projectId}/attachments`)).json().items.length;
    const exe = await send(coordinator, projectId, [file('setup.exe', Buffer.from('MZ\x90\x00'))]);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.fields[0]).toMatchObject({ path: 'file', message: expect.stringContaining('.exe') });
    const renamed = await send(coordinator, projectId, [file('批复.pdf', Buffer.from('<html>'))]);
    expect(renamed.json().error.fields[0].message).toBe('文件内容与扩展名 .pdf 不符,请确认文件未损坏或被改名');
    const big = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]);
    const tooBig = await send(coordinator, projectId, [file('扫描件.pdf', big)]);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields[0].message).toBe('文件不能超过20MB');
    const missing = await send(coordinator, projectId, [{ name: 'caption', data: '只有说明' }]);
    expect(missing.json().error.fields).toEqual([{ path: 'file', message: '请选择要上传的文件' }]);
    expect((await coordinator.get(`/api/projects/${projectId}/attachments`)).json().items).toHaveLength(before);
  });

  it('accepts a 12 MB scan (above the import limit, within the attachment limit)', async () => {
    const scan = Buffer.concat([PDF, Buffer.alloc(12 * 1024 * 1024, 1)]);
    const res = await send(coordinator, projectId, [file('施工许可证扫描件.pdf', scan)]);
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe(scan.length);
  });

  it('keeps attachments in scope: another district sees nothing, a read-only role cannot upload', async () => {
    const district = await t.login('district_staff'); // 城关区 990102
    const mine = await district.get(`/api/projects/${projectId}/attachments`);
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items[0];
    expect((await district.get(item.url)).statusCode).toBe(200);
    expect((await district.get(`/api/projects/${otherDistrictProject}/attachments`)).statusCode).toBe(404);
    expect((await send(district, otherDistrictProject, [file('a.pdf', PDF)])).statusCode).toBe(404);
    // a URL naming another project's id with this attachment is not found either
    const forged = item.url.replace(projectId, otherDistrictProject);
    expect((await coordinator.get(forged)).statusCode).toBe(404);
    const leader = await t.login('leader');
    expect((await send(leader, projectId, [file('a.pdf', PDF)])).statusCode).toBe(403);
  });

  it('removes an attachment, keeping both steps in the project history', async () => {
    const items = (await coordinator.get(`/api/projects/${projectId}/attachments`)).json().items;
    const photo = items.find((a: { kind: string }) => a.kind === 'photo');
    const del = await t.app.inject({ method: 'DELETE', url: photo.url, headers: { cookie: coordinator.cookie } });
    expect(del.statusCode).toBe(204);
    const again = await t.app.inject({ method: 'DELETE', url: photo.url, headers: { cookie: coordinator.cookie } });
    expect(again.statusCode).toBe(404);
    const left = (await coordinator.get(`/api/projects/${projectId}/attachments`)).json().items;
    expect(left.map((a: { id: string }) => a.id)).not.toContain(photo.id);
    const history = (await coordinator.get(`/api/projects/${projectId}/history`)).json().items;
    const actions = history.map((h: { action: string }) => h.action);
    expect(actions.filter((a: string) => a === 'project.attachment_add')).toHaveLength(3);
    expect(actions).toContain('project.attachment_remove');
  });
});
