// Fault injection through the library API and the admin HTTP endpoint.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { testSim, TestSim, raw, until } from './testing.js';

let sim: TestSim;
let core: k8s.CoreV1Api;
let name: string;
beforeAll(async () => { sim = await testSim({ nodes: 2 }); core = sim.kc.makeApiClient(k8s.CoreV1Api); name = sim.clusters[0].name; });
afterAll(() => sim.stop());

const admin = (body: unknown) => fetch(`${sim.adminUrl}/faults`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('faults', () => {
  it('added latency', async () => {
    sim.faults.set(name, { latencyMs: 150 });
    const t = Date.now();
    await core.listNode();
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    sim.faults.clear(name);
  });

  it('error rate with 429 + Retry-After, and 500 via the admin endpoint', async () => {
    sim.faults.set(name, { errorRate: 1, errorCode: 429, retryAfterSeconds: 3 });
    const r = await raw(sim.clusters[0], '/api/v1/nodes');
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('3');
    expect(r.json()).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect((await admin({ action: 'set', target: name, errorRate: 1, errorCode: 500 })).status).toBe(200);
    expect((await raw(sim.clusters[0], '/api/v1/nodes')).status).toBe(500);
    await admin({ action: 'clear' });
    expect((await raw(sim.clusters[0], '/api/v1/nodes')).status).toBe(200);
    expect((await admin({ action: 'set', target: 'nope' })).status).toBe(400);
  });

  it('dropped watch connections end client watches', async () => {
    let ended = false;
    const w = new k8s.Watch(sim.kc);
    await w.watch('/api/v1/namespaces/default/configmaps', {}, () => {}, () => { ended = true; });
    await until(() => sim.clusters[0].store !== undefined);
    const n = await admin({ action: 'dropWatches', target: name });
    expect(n.body.result).toBeGreaterThanOrEqual(1);
    await until(() => ended, 3000, 'watch ended');
  });

  it('API refusing connections for N seconds', async () => {
    await sim.faults.refuseConnections(name, 0.5);
    // a pooled keep-alive socket may see the reset first; fresh connections are refused
    await raw(sim.clusters[0], '/api/v1/nodes').catch(() => undefined);
    const err = await raw(sim.clusters[0], '/api/v1/nodes').then(() => undefined, (e) => e);
    expect(err?.code).toBe('ECONNREFUSED');
    await until(async () => (await raw(sim.clusters[0], '/api/v1/nodes')).status === 200, 5000, 'server back');
  });

  it('registry faults use Harbor error format', async () => {
    sim.faults.set('dc1', { errorRate: 1, errorCode: 500 });
    const r = await fetch(`${sim.dataCentres[0].registryInfo.url}/api/v2.0/health`);
    expect(r.status).toBe(500);
    expect((await r.json()).errors[0].code).toBe('INTERNAL_SERVER_ERROR');
    sim.faults.clear();
  });

  it('kill a node via the admin endpoint', async () => {
    const node = sim.clusters[0].store.objects('nodes')[0].metadata.name;
    expect((await admin({ action: 'killNode', target: name, node })).status).toBe(200);
    await until(async () => (await core.readNode({ name: node })).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown', 5000, 'NotReady');
    await admin({ action: 'reviveNode', target: name, node });
    await until(async () => (await core.readNode({ name: node })).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True', 5000, 'Ready');
  });
});
