export * from './arith';
export * from './errors';
export * from './fund';
export * from './investment';
export * from './reinvestment';
export * from './pool';
export * from './kpi';
