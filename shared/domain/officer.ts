import { z } from 'zod';
import { RecordId, RequiredText, Text } from './common.js';

export const Officer = z.object({ id: RecordId, name: RequiredText(100), unit: RequiredText(100), phone: Text(40) });
export type Officer = z.infer<typeof Officer>;

export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;
