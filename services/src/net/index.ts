// The egress guard's I/O half: resolution, checked connections, and fetch. Policy lives in @cadenza/core.
export * from './egress-refused';
export * from './egress-resolve';
export * from './egress-fetch';
export * from './egress-guard';
