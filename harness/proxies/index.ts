export { computeProxies, JOINT_INPUT, type ProxyAttribute, type ProxySamples, type ProxySettings } from './compute-proxies.js';
export { fitLogistic, linearPredictor, type LogisticFit } from './fit-logistic.js';
export { inputBins, planProxies, type ProxyInput, type ProxyPlan } from './proxy-plan.js';
export { accumulateProxyTables, binInput, proxyTableLayout } from './proxy-tables.js';
