import { z } from 'zod';

/** Regional clusters whose agencies cooperate on technology transfer. */
export const CLUSTERS = {
  JJJ: { zh: '京津冀', en: 'Beijing–Tianjin–Hebei' },
  GBA: { zh: '粤港澳大湾区', en: 'Guangdong–Hong Kong–Macao Greater Bay Area' },
  CY: { zh: '成渝', en: 'Chengdu–Chongqing' },
  YRD: { zh: '长三角', en: 'Yangtze River Delta' },
} as const;
export type Cluster = keyof typeof CLUSTERS;
export const clusterSchema = z.enum(Object.keys(CLUSTERS) as [Cluster, ...Cluster[]]);

export interface RegionInfo {
  zh: string;
  en: string;
  cluster: Cluster | null;
}

/** Provincial-level divisions of ISO 3166-2:CN (codes as revised in 2017). */
export const REGIONS = {
  'CN-BJ': { zh: '北京市', en: 'Beijing', cluster: 'JJJ' },
  'CN-TJ': { zh: '天津市', en: 'Tianjin', cluster: 'JJJ' },
  'CN-HE': { zh: '河北省', en: 'Hebei', cluster: 'JJJ' },
  'CN-GD': { zh: '广东省', en: 'Guangdong', cluster: 'GBA' },
  'CN-HK': { zh: '香港特别行政区', en: 'Hong Kong', cluster: 'GBA' },
  'CN-MO': { zh: '澳门特别行政区', en: 'Macao', cluster: 'GBA' },
  'CN-SC': { zh: '四川省', en: 'Sichuan', cluster: 'CY' },
  'CN-CQ': { zh: '重庆市', en: 'Chongqing', cluster: 'CY' },
  'CN-SH': { zh: '上海市', en: 'Shanghai', cluster: 'YRD' },
  'CN-JS': { zh: '江苏省', en: 'Jiangsu', cluster: 'YRD' },
  'CN-ZJ': { zh: '浙江省', en: 'Zhejiang', cluster: 'YRD' },
  'CN-AH': { zh: '安徽省', en: 'Anhui', cluster: 'YRD' },
  'CN-SX': { zh: '山西省', en: 'Shanxi', cluster: null },
  'CN-NM': { zh: '内蒙古自治区', en: 'Inner Mongolia', cluster: null },
  'CN-LN': { zh: '辽宁省', en: 'Liaoning', cluster: null },
  'CN-JL': { zh: '吉林省', en: 'Jilin', cluster: null },
  'CN-HL': { zh: '黑龙江省', en: 'Heilongjiang', cluster: null },
  'CN-FJ': { zh: '福建省', en: 'Fujian', cluster: null },
  'CN-JX': { zh: '江西省', en: 'Jiangxi', cluster: null },
  'CN-SD': { zh: '山东省', en: 'Shandong', cluster: null },
  'CN-HA': { zh: '河南省', en: 'Henan', cluster: null },
  'CN-HB': { zh: '湖北省', en: 'Hubei', cluster: null },
  'CN-HN': { zh: '湖南省', en: 'Hunan', cluster: null },
  'CN-GX': { zh: '广西壮族自治区', en: 'Guangxi', cluster: null },
  'CN-HI': { zh: '海南省', en: 'Hainan', cluster: null },
  'CN-GZ': { zh: '贵州省', en: 'Guizhou', cluster: null },
  'CN-YN': { zh: '云南省', en: 'Yunnan', cluster: null },
  'CN-XZ': { zh: '西藏自治区', en: 'Tibet', cluster: null },
  'CN-SN': { zh: '陕西省', en: 'Shaanxi', cluster: null },
  'CN-GS': { zh: '甘肃省', en: 'Gansu', cluster: null },
  'CN-QH': { zh: '青海省', en: 'Qinghai', cluster: null },
  'CN-NX': { zh: '宁夏回族自治区', en: 'Ningxia', cluster: null },
  'CN-XJ': { zh: '新疆维吾尔自治区', en: 'Xinjiang', cluster: null },
  'CN-TW': { zh: '台湾省', en: 'Taiwan', cluster: null },
} as const satisfies Record<string, RegionInfo>;

export type RegionCode = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as [RegionCode, ...RegionCode[]];

export const regionCodeSchema = z.enum(REGION_CODES, {
  error: (issue) =>
    `must be an ISO 3166-2:CN province code such as CN-BJ (got ${JSON.stringify(issue.input)})`,
});

/** A region with an optional city or district, as carried on records. */
export const regionRefSchema = z.object({
  code: regionCodeSchema,
  city: z.string().min(1).max(64).optional().describe('city or district, e.g. 海淀区'),
});
export type RegionRef = z.infer<typeof regionRefSchema>;

export function isRegionCode(value: unknown): value is RegionCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REGIONS, value);
}

export function clusterOf(code: RegionCode): Cluster | null {
  return REGIONS[code].cluster;
}
