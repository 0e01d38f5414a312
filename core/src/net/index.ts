// The egress policy: which addresses outbound connections may reach, and the allow list.
export * from './ip-address';
export * from './cidr';
export * from './address-classification';
export * from './egress-allow-list';
export * from './egress-policy';
export * from './egress-url';
export * from './header-safety';
export * from './flow-egress-check';
export * from './egress-env';
export * from './http-request-body';
