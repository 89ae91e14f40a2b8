import { z } from 'zod';
import { regionCodeSchema } from '../reference/regions';
import { creditCodeSchema } from '../reference/credit-code';
import { idSchema } from '../reference/ids';

export const citySchema = z
  .string()
  .min(1)
  .max(64)
  .describe('city or district within the region, e.g. 滨海新区');
export const nameSchema = z.string().trim().min(1).max(200);
export const keywordsSchema = z
  .array(z.string().trim().min(1).max(40))
  .max(30)
  .describe('free keywords used for matching');
export const reasonSchema = z.string().trim().min(1).max(2000);

export const INSTITUTION_KINDS = [
  'university',
  'research-institute',
  'new-rnd-institution',
  'hospital',
  'enterprise',
] as const;
export const institutionKindSchema = z.enum(INSTITUTION_KINDS);

export const TRANSFER_MODES = [
  'transfer',
  'license',
  'equity-in-kind',
  'use-first-pay-later',
  'co-development',
] as const;
export const transferModeSchema = z
  .enum(TRANSFER_MODES)
  .describe(
    'transfer 转让, license 许可, equity-in-kind 作价入股, use-first-pay-later 先使用后付费, co-development 合作开发',
  );
export type TransferMode = z.infer<typeof transferModeSchema>;

/** The institution that owns or sells a technology. */
export const institutionSchema = z.object({
  institutionId: idSchema,
  name: nameSchema,
  kind: institutionKindSchema,
  creditCode: creditCodeSchema.optional(),
  region: regionCodeSchema,
});

/** An enterprise identified by its 统一社会信用代码. */
export const enterpriseSchema = z.object({
  enterpriseId: idSchema.optional(),
  name: nameSchema,
  creditCode: creditCodeSchema,
  region: regionCodeSchema,
  city: citySchema.optional(),
});

/** A bank, fund manager or operator: named organisations that may lack an id in Corridor. */
export const organisationSchema = z.object({
  name: nameSchema,
  creditCode: creditCodeSchema.optional(),
});

export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export const contractTypeSchema = z
  .enum(CONTRACT_TYPES)
  .describe(
    '技术合同 kind: 技术开发 development, 技术转让 transfer, 技术许可 license, 技术咨询 consulting, 技术服务 service',
  );
export type ContractType = z.infer<typeof contractTypeSchema>;
