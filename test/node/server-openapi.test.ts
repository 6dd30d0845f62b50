import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Engine } from '../../src/engine/index.js';
import { createServer } from '../../src/server/app.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { API_ROUTES } from '../../src/server/routes.js';

type Json = Record<string, unknown>;

/** Every `$ref` in a document, wherever it is. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('the API description', () => {
  it('the server serves an OpenAPI 3.1 document with every route, and every reference resolves', async () => {
    const server = await createServer({ engine: new Engine(), secret: 'openapi-test-secret-0123456789abcdefghijkl', log: false, demo: true });
    const response = await server.fetch(new Request('http://localhost/api/openapi.json'));
    assert.equal(response.status, 200);
    const doc = (await response.json()) as Json & { paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };
    await server.close();
    assert.equal(doc['openapi'], '3.1.0');
    for (const route of API_ROUTES) {
      const operation = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.path} is documented`);
      assert.equal(operation['operationId'], route.operationId);
    }
    assert.ok(doc.paths['/api/live']?.['get'], 'the live stream is documented');
    assert.ok(doc.paths['/api/demo/session']?.['post'], 'demo routes are documented in demo mode');
    const ids = API_ROUTES.map((r) => r.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
    for (const ref of new Set(refs(doc))) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      assert.ok(section && name && doc.components[section]?.[name], `${ref} resolves`);
    }
    for (const name of ['Member', 'Comment', 'Poll', 'Badge', 'Report', 'ModerationItem', 'AuditEntry', 'Error']) assert.ok(doc.components['schemas']?.[name], `${name} is a named schema`);
    const post = doc.paths['/api/comments']!['post'] as { requestBody: { content: { 'application/json': { schema: { required: string[] } } } } };
    assert.deepEqual(post.requestBody.content['application/json'].schema.required.sort(), ['body', 'thread'], 'request bodies come from the request schemas');
    const plain = openApiDocument(API_ROUTES) as { paths: Record<string, unknown> };
    assert.equal(plain.paths['/api/demo/session'], undefined, 'no demo routes in a document without demo mode');
  });

  it('docs/http-api.md describes every route', async () => {
    const doc = await readFile(new URL('../../docs/http-api.md', import.meta.url), 'utf8');
    for (const route of API_ROUTES) assert.ok(doc.includes(`${route.method} ${route.path}`), `docs/http-api.md mentions ${route.method} ${route.path}`);
    for (const extra of ['GET /api/live', 'GET /api/openapi.json', 'GET /api/health', 'GET /api/demo/members', 'POST /api/demo/session', 'POST /api/test/advance', 'POST /api/test/reset'])
      assert.ok(doc.includes(extra), `docs/http-api.md mentions ${extra}`);
  });
});
