import * as z from 'zod/mini';
import * as q from '../adapters/http/requests.js';
import * as s from '../adapters/http/schemas.js';
import type { ApiRoute } from './routes.js';

type Json = Record<string, unknown>;

/** Named schemas: each appears once under components.schemas (and in the browser's wire.ts) and is referenced elsewhere. */
export function namedSchemas() {
  const registry = z.registry<{ id: string; description?: string }>();
  const names: [z.ZodMiniType, string, string][] = [
    [s.member, 'Member', 'A member as everyone may see them.'],
    [s.moderatedAuthor, 'ModeratedAuthor', 'A member as moderators see them when deciding.'],
    [s.badge, 'Badge', 'A badge with its tiers and the member’s progress toward the next one.'],
    [s.badgeSummary, 'BadgeSummary', 'The small badge shown beside a name.'],
    [s.comment, 'Comment', 'A comment; deleted, removed and withheld ones are placeholders without text or author.'],
    [s.reactionCount, 'ReactionCount', 'One emoji’s count, and whether the viewer gave it.'],
    [s.commentRevision, 'CommentRevision', 'An earlier text of an edited comment.'],
    [s.poll, 'Poll', 'A poll; option votes are null when its results rule hides them from this viewer.'],
    [s.leaderboard, 'Leaderboard', 'Ranked members for a period.'],
    [s.report, 'Report', 'A report and its outcome.'],
    [s.moderationItem, 'ModerationItem', 'One target in the moderators’ queue, with every report on it and its context.'],
    [s.auditEntry, 'AuditEntry', 'One moderator (or automatic) action.'],
    [s.errorResponse, 'Error', 'Every error response.'],
  ];
  for (const [schema, id, description] of names) registry.add(schema, { id, description });
  return { registry, schemas: names.map(([schema]) => schema) };
}

/** Schemas zod cannot describe by itself (custom checks kept small). */
export function override(ctx: { zodSchema: unknown; jsonSchema: Json }): void {
  if (ctx.zodSchema === s.targetRef) Object.assign(ctx.jsonSchema, { type: 'string', pattern: '^(comment|member|poll):.+$', description: '`comment:<id>`, `member:<id>` or `poll:<id>`.' });
  if (ctx.zodSchema === s.topic) Object.assign(ctx.jsonSchema, { type: 'string', pattern: '^((thread|poll|member):.+|leaderboard|moderation)$' });
  if (ctx.zodSchema === s.countsResponse.shape.counts) Object.assign(ctx.jsonSchema, { type: 'object', additionalProperties: { type: 'number' }, description: 'Thread id → visible comments.' });
}

/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the zod schemas the server
 * validates requests with and HttpAdapter validates responses with.
 */
export function openApiDocument(routes: readonly ApiRoute[], options: { title?: string; version?: string; demo?: boolean } = {}): Json {
  const { registry, schemas: named } = namedSchemas();
  const components: Record<string, Json> = {};

  const convert = (schema: z.ZodMiniType, io: 'input' | 'output'): Json => {
    const json = z.toJSONSchema(schema, { metadata: registry, io, unrepresentable: 'any', target: 'draft-2020-12', override }) as Json;
    const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
    const { $schema: _schema, $defs, ...rest } = JSON.parse(text) as Json & { $defs?: Record<string, Json> };
    for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= def;
    // A named schema converted on its own comes back as its definition with an id: refer to it instead.
    const id = registry.get(schema)?.id;
    if (id) {
      const { id: _id, ...definition } = rest;
      components[id] ??= definition;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rest;
  };

  const errorRef = { $ref: '#/components/responses/Error' };
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: Json[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const schema = convert(route.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const repeated = route.arrays?.includes(name);
        parameters.push({
          name,
          in: 'query',
          required: schema.required?.includes(name) ?? false,
          schema: property,
          ...(repeated && { style: 'form', explode: true, description: 'Repeat the parameter for each value.' }),
        });
      }
    }
    if (route.write) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    if (route.anonymousKey) parameters.push({ $ref: '#/components/parameters/AnonymousKey' });
    const responses: Record<string, Json> = {
      [route.status]:
        route.status === 204 || !route.response
          ? { description: 'Done.' }
          : { description: 'OK', content: { 'application/json': { schema: convert(route.response, 'output') } } },
      400: errorRef,
      ...(route.access !== 'anyone' || route.write ? { 401: errorRef, 403: errorRef } : { 401: errorRef }),
      ...(route.path.includes(':') && { 404: errorRef }),
      ...(route.write && { 409: errorRef, 413: errorRef }),
      429: errorRef,
      503: errorRef,
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      description: `Access: ${route.access === 'anyone' ? 'anyone (guests too)' : route.access === 'member' ? 'signed-in members' : 'moderators and admins'}.`,
      ...(parameters.length && { parameters }),
      ...(route.body && { requestBody: { required: true, content: { 'application/json': { schema: convert(route.body, 'input') } } } }),
      responses,
      security: route.access === 'anyone' ? [{}, { bearer: [] }] : [{ bearer: [] }],
    };
  }

  paths['/api/live'] = {
    get: {
      operationId: 'live',
      tags: ['live'],
      summary: 'Server-Sent Events of one topic. Starts with `event: ready` (id = where the stream stands), then `id: <seq>` + `data: <LiveEvent JSON>` per event, and `: ping` comment lines as heartbeats.',
      description:
        'Resume with the `Last-Event-ID` header (EventSource sends it when it reconnects) or the `lastEventId` parameter: events after it come from the log first, then live, each once. ' +
        '`member:<id>` (that member only) and `moderation` (moderators) need the viewer token: as `Authorization: Bearer`, or as `access_token` because EventSource cannot send headers. ' +
        '`probe=1` checks the token and topic and answers 204 or the error, without opening a stream.',
      parameters: [
        ...Object.entries((convert(q.liveQuery, 'input') as { properties: Record<string, Json>; required?: string[] }).properties).map(([name, schema]) => ({
          name,
          in: 'query',
          required: name === 'topic',
          schema,
        })),
        { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'An event stream.', content: { 'text/event-stream': { schema: { oneOf: Object.values(s.liveEvents).map((e) => convert(e, 'output')) } } } },
        204: { description: 'The probe passed: a stream would open.' },
        400: errorRef,
        401: errorRef,
        403: errorRef,
        429: errorRef,
      },
      security: [{}, { bearer: [] }],
    },
  };
  paths['/api/openapi.json'] = { get: { operationId: 'openapi', tags: ['session'], summary: 'This document.', responses: { 200: { description: 'OpenAPI 3.1' } }, security: [{}] } };
  paths['/api/health'] = { get: { operationId: 'health', tags: ['session'], summary: 'Liveness: 200 `{ ok: true }`.', responses: { 200: { description: 'OK' } }, security: [{}] } };
  if (options.demo) {
    paths['/api/demo/members'] = {
      get: { operationId: 'demoMembers', tags: ['demo'], summary: 'Demo mode only: the demo members a visitor may act as.', responses: { 200: { description: 'OK', content: { 'application/json': { schema: convert(q.demoMembersResponse, 'output') } } } }, security: [{}] },
    };
    paths['/api/demo/session'] = {
      post: {
        operationId: 'demoSession',
        tags: ['demo'],
        summary: 'Demo mode only: a viewer token, signed by this server, for one of the demo members.',
        requestBody: { required: true, content: { 'application/json': { schema: convert(q.demoSessionInput, 'input') } } },
        responses: { 200: { description: 'OK', content: { 'application/json': { schema: convert(q.demoSessionResponse, 'output') } } }, 404: errorRef },
        security: [{}],
      },
    };
  }

  // Every named schema is a component, also those only errors refer to.
  for (const schema of named) convert(schema, 'output');

  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Majlis community API',
      version: options.version ?? '0.1.0',
      description:
        'The JSON API of the Majlis reference server: what HttpAdapter speaks. Every error is `{ error: { code, message, field?, reason?, retryAfter? } }`. ' +
        'Writes need an `Idempotency-Key` header (8–200 printable ASCII characters, new per intended write): a retried write has the effect of one.',
    },
    servers: [{ url: '/' }],
    tags: ['session', 'comments', 'reactions', 'members', 'polls', 'leaderboard', 'reports', 'moderation', 'insights', 'live', ...(options.demo ? ['demo'] : [])].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A viewer token: HS256, signed by the host site’s backend with the shared secret; claims sub, name, picture?, roles?, aud, exp.' } },
      parameters: {
        IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' }, description: 'New for each intended write; the same for its retries.' },
        AnonymousKey: { name: 'Majlis-Anonymous-Key', in: 'header', required: false, schema: { type: 'string', minLength: 16, maxLength: 200 }, description: 'A guest’s per-browser key, for polls that allow anonymous votes.' },
      },
      responses: { Error: { description: 'An error.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}
