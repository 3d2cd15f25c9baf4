import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../context.ts';

/** A module's route table: registered by app.ts with the shared context. */
export type RoutesPlugin = FastifyPluginAsyncZod<{ ctx: Ctx }>;
