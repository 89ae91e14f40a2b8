import { z } from 'zod';

/** Strategic emerging industries (战略性新兴产业) and future industries (未来产业). */
export const INDUSTRY_FIELDS = {
  'next-generation-it': { zh: '新一代信息技术', en: 'Next-generation information technology' },
  'artificial-intelligence': { zh: '人工智能', en: 'Artificial intelligence' },
  'integrated-circuits': { zh: '集成电路', en: 'Integrated circuits' },
  biomedicine: { zh: '生物医药', en: 'Biomedicine' },
  'medical-devices': { zh: '高端医疗器械', en: 'High-end medical devices' },
  'high-end-equipment': { zh: '高端装备制造', en: 'High-end equipment manufacturing' },
  'new-materials': { zh: '新材料', en: 'New materials' },
  'new-energy': { zh: '新能源', en: 'New energy' },
  'new-energy-vehicles': { zh: '新能源汽车', en: 'New energy vehicles' },
  'energy-saving-environmental': { zh: '节能环保', en: 'Energy saving and environmental protection' },
  'digital-creative': { zh: '数字创意', en: 'Digital creative industries' },
  aerospace: { zh: '航空航天', en: 'Aerospace' },
  'marine-equipment': { zh: '海洋装备', en: 'Marine equipment' },
  'low-altitude-economy': { zh: '低空经济', en: 'Low-altitude economy' },
  'commercial-space': { zh: '商业航天', en: 'Commercial space' },
  'quantum-technology': { zh: '量子科技', en: 'Quantum technology' },
  'embodied-intelligence': { zh: '具身智能', en: 'Embodied intelligence' },
  biomanufacturing: { zh: '生物制造', en: 'Biomanufacturing' },
  'hydrogen-energy': { zh: '氢能', en: 'Hydrogen energy' },
  'future-networks': { zh: '6G与未来网络', en: '6G and future networks' },
  'brain-computer-interface': { zh: '脑机接口', en: 'Brain–computer interfaces' },
  'advanced-agriculture': { zh: '现代种业与智慧农业', en: 'Modern seed industry and smart agriculture' },
} as const;

export type IndustryField = keyof typeof INDUSTRY_FIELDS;
export const INDUSTRY_FIELD_CODES = Object.keys(INDUSTRY_FIELDS) as [IndustryField, ...IndustryField[]];
export const industryFieldSchema = z.enum(INDUSTRY_FIELD_CODES, {
  error: (issue) =>
    `must be one of the industry fields (${INDUSTRY_FIELD_CODES.join(', ')}); got ${JSON.stringify(issue.input)}`,
});
