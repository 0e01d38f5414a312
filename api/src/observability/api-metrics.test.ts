import { EventEmitter } from 'node:events';
import { createApiMetrics, trackSocketConnections } from './api-metrics';

describe('trackSocketConnections', () => {
  it('counts open sockets up on connection and down on disconnect', async () => {
    const metrics = createApiMetrics();
    const io = new EventEmitter();
    trackSocketConnections(io, metrics);
    const first = new EventEmitter();
    const second = new EventEmitter();
    io.emit('connection', first);
    io.emit('connection', second);
    first.emit('disconnect');

    expect((await metrics.socketConnections.get()).values[0]?.value).toBe(1);
    expect((await metrics.socketConnectionsTotal.get()).values[0]?.value).toBe(2);
  });
});
