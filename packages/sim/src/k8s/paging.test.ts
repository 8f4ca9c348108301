// limit/continue walks a large collection in key order without gaps or duplicates.
import { it, expect, afterAll, beforeAll } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { testSim, TestSim } from '../testing.js';

let sim: TestSim;
beforeAll(async () => { sim = await testSim({ nodes: 1 }); });
afterAll(() => sim.stop());

it('pages through 2,000 config maps in two namespaces', async () => {
  const s = sim.clusters[0].store;
  for (const ns of ['pa', 'pb']) {
    s.create('namespaces', { metadata: { name: ns } });
    for (let i = 0; i < 1000; i++) s.create('configmaps', { metadata: { name: `cm-${(i * 7919) % 1000}`, namespace: ns } });
  }
  const core = sim.kc.makeApiClient(k8s.CoreV1Api);
  const seen: string[] = [];
  let cont: string | undefined;
  let pages = 0;
  do {
    const l = await core.listConfigMapForAllNamespaces({ limit: 300, _continue: cont, labelSelector: '' });
    seen.push(...l.items.filter((c) => c.metadata?.namespace !== 'default' && c.metadata?.namespace !== 'kube-system').map((c) => `${c.metadata?.namespace}/${c.metadata?.name}`));
    cont = l.metadata?._continue;
    pages++;
  } while (cont);
  expect(pages).toBe(7);
  expect(seen).toHaveLength(2000);
  expect(new Set(seen).size).toBe(2000);
  expect([...seen].sort()).toEqual(seen);
});
