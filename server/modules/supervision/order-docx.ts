import { businessDate } from '../../../domain/common/business-date.ts';
import type { SupervisableType } from '../../../domain/supervision/model.ts';
import { assertMay } from '../../platform/access/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { officialDate, officialDocx } from '../../platform/documents/docx-official.ts';
import { appError } from '../../platform/errors/app-error.ts';
import { loadTaskViews } from '../tasks/index.ts';
import { ladderRepo } from './ladder.repository.ts';
import { reachOf } from './ladder.service.ts';
import { resolveSupervisable } from './supervisable.ts';

/**
 * 督办单: one order as an official form (GB/T 9704 via docx-official) with the fields offices use — 编号, 督办事项,
 * 任务来源, 承办单位(协办单位), 办理时限, 督办要求, 联系人, 签发 — built from the register row and the object it
 * addresses; nothing on it is typed twice.
 */
export type OrderDocx = { filename: string; fallback: string; docx: Buffer };

export async function orderDocx(ctx: Ctx, actor: Actor, id: string): Promise<OrderDocx> {
  assertMay(actor, 'task.read');
  const s = await ladderRepo.find(ctx.db, reachOf(actor), id);
  if (s?.step !== 'order') throw appError('NOT_FOUND');
  const today = businessDate(ctx.now());
  const issuedOn = businessDate(s.issuedAt);

  // 任务来源 and 协办单位: a task names its plan and partner units; other objects say what they are
  let source = '';
  let partners: string[] = [];
  let deadline: string | null = null;
  if (s.objectType === 'task') {
    const [t] = await loadTaskViews(ctx, ctx.db, null, { ids: [s.objectId] }, today);
    if (t) {
      source = `${t.row.planTitle}（第${t.number}项）`;
      partners = t.partnerNames;
      deadline = t.deadlineText;
    }
  }
  if (!source) {
    const ref = await resolveSupervisable(ctx, ctx.db, null, s.objectType as SupervisableType, s.objectId);
    source = ref?.source ?? '';
  }
  const contact = s.issuedBy ? await ladderRepo.contact(ctx.db, s.issuedBy) : null;
  const office = contact?.unitName ?? '';

  const rows: [string, string | null][] = [
    ['督办事项', s.objectLabel],
    ['任务来源', source || null],
    ['承办单位', `${s.unitName}${partners.length ? `（协办单位：${partners.join('、')}）` : ''}`],
    ...(deadline ? ([['完成时限', deadline]] as [string, string][]) : []),
    ['督办事由', s.reason],
    ['督办要求', s.requirement],
    ['办理时限', s.dueOn ? `${officialDate(s.dueOn)}前` : null],
    ...(s.skipReason ? ([['越级督办理由', s.skipReason]] as [string, string][]) : []),
    [
      '联 系 人',
      contact
        ? `${contact.name}（${contact.unitName}）${contact.phone ? `  电话：${contact.phone}` : ''}`
        : s.issuedByName,
    ],
    ['签    发', `${s.issuedByName}  ${officialDate(issuedOn)}`],
  ];

  const docx = await officialDocx({
    title: '督办单',
    subtitle: s.number ?? undefined,
    ...(office ? { office } : {}),
    date: issuedOn,
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: '编    号', weight: 2.2, align: 'center' },
          { header: s.number ?? '—', weight: 7.8, align: 'left' },
        ],
        rows,
      },
      {
        kind: 'paragraph',
        text: `请${s.unitName}高度重视，按督办要求抓紧办理，${s.dueOn ? `于${officialDate(s.dueOn)}前` : '及时'}将办理情况在“落实”平台答复（或书面报送${office || '督查部门'}）；逾期未办结的，将按程序予以通报。`,
      },
    ],
  });
  const name = s.number ?? '督办单';
  return {
    filename: `${name}督办单.docx`,
    fallback: `order-${s.year}-${s.seq ?? s.id}.docx`,
    docx,
  };
}
