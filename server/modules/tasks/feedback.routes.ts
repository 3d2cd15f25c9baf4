import {
  CycleParams,
  DoneRefuseBody,
  DoneRequestBody,
  FeedbackSave,
  PartSave,
  RatingBody,
  ReturnBody,
  StepBody,
  TASK_FILE_CAPTION_MAX,
  TASK_FILE_MAX_BYTES,
  TaskDetail,
  TaskFileParams,
  TaskIdParams,
} from '../../../domain/tasks/tasks-contracts.ts';
import type { RoutesPlugin } from '../../platform/http/types.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { actorOf } from '../auth/index.ts';
import {
  acceptFeedback,
  addDoneFile,
  addFeedbackFile,
  confirmDone,
  rateTask,
  refuseDone,
  removeTaskFile,
  requestDone,
  returnFeedback,
  saveFeedback,
  savePart,
  submitFeedback,
} from './feedback.service.ts';

const tags = ['tasks'];
const detail = { 200: TaskDetail };

/**
 * 进展反馈: the lead unit's feedback per cycle (草稿 → 报送), the 督查室's review (退回 / 采纳), partners' parts,
 * evidence files, 销号 (申请 / 确认 / 不予销号) and the 督查室's rating. Each answers with the task page.
 */
export const feedbackRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.put(
    '/api/tasks/:id/feedback/:cycle',
    {
      schema: {
        tags,
        summary: '牵头单位保存本期反馈草稿(进展情况、存在问题、下步打算、完成进度、推进评估)',
        params: CycleParams,
        body: FeedbackSave,
        response: detail,
      },
    },
    async (req) => saveFeedback(ctx, actorOf(req), req.params.id, req.params.cycle, req.body),
  );

  app.post(
    '/api/tasks/:id/feedback/:cycle/submit',
    { schema: { tags, summary: '牵头单位报送本期反馈', params: CycleParams, body: StepBody, response: detail } },
    async (req) => submitFeedback(ctx, actorOf(req), req.params.id, req.params.cycle, req.body ?? {}),
  );

  app.post(
    '/api/tasks/:id/feedback/:cycle/return',
    {
      schema: {
        tags,
        summary: '督查室退回本期反馈(须写明意见)',
        params: CycleParams,
        body: ReturnBody,
        response: detail,
      },
    },
    async (req) => returnFeedback(ctx, actorOf(req), req.params.id, req.params.cycle, req.body),
  );

  app.post(
    '/api/tasks/:id/feedback/:cycle/accept',
    {
      schema: {
        tags,
        summary: '督查室采纳本期反馈(采纳后锁定)',
        params: CycleParams,
        body: StepBody,
        response: detail,
      },
    },
    async (req) => acceptFeedback(ctx, actorOf(req), req.params.id, req.params.cycle, req.body ?? {}),
  );

  app.put(
    '/api/tasks/:id/feedback/:cycle/part',
    {
      schema: { tags, summary: '配合单位填写本期配合材料', params: CycleParams, body: PartSave, response: detail },
    },
    async (req) => savePart(ctx, actorOf(req), req.params.id, req.params.cycle, req.body),
  );

  app.post(
    '/api/tasks/:id/feedback/:cycle/files',
    {
      schema: {
        tags,
        summary: '上传本期佐证材料(multipart: file, caption;不超过20MB;牵头单位附于反馈,配合单位附于本单位材料)',
        params: CycleParams,
        response: { 201: TaskDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, { maxBytes: TASK_FILE_MAX_BYTES, captionMax: TASK_FILE_CAPTION_MAX });
      reply.code(201);
      return addFeedbackFile(ctx, actor, req.params.id, req.params.cycle, upload);
    },
  );

  app.delete(
    '/api/tasks/:id/files/:fileId',
    { schema: { tags, summary: '删除佐证材料(保留历史)', params: TaskFileParams, response: detail } },
    async (req) => removeTaskFile(ctx, actorOf(req), req.params.id, req.params.fileId),
  );

  app.post(
    '/api/tasks/:id/done-request',
    { schema: { tags, summary: '牵头单位申请销号', params: TaskIdParams, body: DoneRequestBody, response: detail } },
    async (req) => requestDone(ctx, actorOf(req), req.params.id, req.body.note),
  );

  app.post(
    '/api/tasks/:id/done-request/files',
    {
      schema: {
        tags,
        summary: '上传销号佐证材料(multipart: file, caption;不超过20MB)',
        params: TaskIdParams,
        response: { 201: TaskDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, { maxBytes: TASK_FILE_MAX_BYTES, captionMax: TASK_FILE_CAPTION_MAX });
      reply.code(201);
      return addDoneFile(ctx, actor, req.params.id, upload);
    },
  );

  app.post(
    '/api/tasks/:id/done-confirm',
    { schema: { tags, summary: '督查室确认销号', params: TaskIdParams, response: detail } },
    async (req) => confirmDone(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/api/tasks/:id/done-refuse',
    {
      schema: {
        tags,
        summary: '督查室不予销号(须写明理由)',
        params: TaskIdParams,
        body: DoneRefuseBody,
        response: detail,
      },
    },
    async (req) => refuseDone(ctx, actorOf(req), req.params.id, req.body.reason),
  );

  app.put(
    '/api/tasks/:id/rating',
    {
      schema: {
        tags,
        summary: '督查室评估(按计划推进/存在风险/滞后)',
        params: TaskIdParams,
        body: RatingBody,
        response: detail,
      },
    },
    async (req) => rateTask(ctx, actorOf(req), req.params.id, req.body),
  );
};
