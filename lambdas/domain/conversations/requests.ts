/**
 * The bodies of POST /v1/conversations and PATCH /v1/conversations/{id}.
 * Apart from the domain module: esbuild keeps a module-level valibot schema even where nothing
 * reads it, so beside the view code it would ride in every handler that shows one.
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { singleLineText } from '../shared/text';

const title = singleLineText(120);

export const createConversationSchema = plainObject(v.strictObject({ title: v.optional(v.nullable(title)) }));
export type CreateConversationRequest = v.InferOutput<typeof createConversationSchema>;

export const renameConversationSchema = plainObject(v.strictObject({ title: v.nullable(title) }));
export type RenameConversationRequest = v.InferOutput<typeof renameConversationSchema>;
