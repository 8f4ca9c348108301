// Trimmed OpenAPI documents. kubectl only needs: a v3 root index, per group-version docs whose PATCH
// operations carry x-kubernetes-group-version-kind + the fieldValidation parameter (so it delegates
// validation to the server), and a parseable v2 document (kubectl asks for protobuf there).
import { groupVersions, ResourceDef } from './resources.js';

const HASH = 'sim0001';
export const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

export function v3Root() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions()) {
    const p = gvPath(gv.group, gv.version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${HASH}` };
  }
  return { paths };
}

const q = (name: string, type = 'string') => ({ name, in: 'query', schema: { type }, uniqueItems: true });
const WRITE_PARAMS = [q('dryRun'), q('fieldManager'), q('fieldValidation'), q('pretty')];

const defName = (d: ResourceDef) => `io.k8s.api.${d.group ? d.group.split('.')[0] : 'core'}.${d.version}.${d.kind}`;

export function v3Doc(group: string, version: string) {
  const gv = groupVersions().find((g) => g.group === group && g.version === version);
  if (!gv) return undefined;
  const paths: any = {};
  const schemas: any = {};
  for (const d of gv.resources) {
    const gvk = { group: d.group, version: d.version, kind: d.kind };
    const base = `/${gvPath(d.group, d.version)}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.plural}`;
    const ref = { $ref: `#/components/schemas/${defName(d)}` };
    const resp = { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } };
    const ext = { 'x-kubernetes-group-version-kind': gvk };
    paths[base] = {
      get: { operationId: `list${d.kind}`, 'x-kubernetes-action': 'list', ...ext, responses: resp },
      post: { operationId: `create${d.kind}`, 'x-kubernetes-action': 'post', ...ext, parameters: WRITE_PARAMS, requestBody: { content: { '*/*': { schema: ref } } }, responses: resp },
    };
    paths[`${base}/{name}`] = {
      get: { operationId: `read${d.kind}`, 'x-kubernetes-action': 'get', ...ext, responses: resp },
      put: { operationId: `replace${d.kind}`, 'x-kubernetes-action': 'put', ...ext, parameters: WRITE_PARAMS, responses: resp },
      patch: { operationId: `patch${d.kind}`, 'x-kubernetes-action': 'patch', ...ext, parameters: [...WRITE_PARAMS, q('force', 'boolean')], responses: resp },
      delete: { operationId: `delete${d.kind}`, 'x-kubernetes-action': 'delete', ...ext, responses: resp },
    };
    // Schemas are open objects: the server validates; clients only need the type to exist.
    schemas[defName(d)] = {
      type: 'object', 'x-kubernetes-group-version-kind': [gvk],
      properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: { type: 'object' }, status: { type: 'object' } },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.31.0-sim' }, paths, components: { schemas } };
}

export function v2Json() {
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.31.0-sim' }, paths: {}, definitions: {} };
}
/** protobuf openapi_v2.Document with only `swagger: "2.0"` (field 1) and info (field 2). */
export function v2Protobuf(): Buffer {
  const str = (field: number, s: string) => { const b = Buffer.from(s); return Buffer.concat([Buffer.from([(field << 3) | 2, b.length]), b]); };
  const info = Buffer.concat([str(1, 'Kubernetes'), str(2, 'v1.31.0-sim')]);
  return Buffer.concat([str(1, '2.0'), Buffer.from([(2 << 3) | 2, info.length]), info]);
}
