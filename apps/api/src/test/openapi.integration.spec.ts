import { NAME_PATTERNS, RECORDING_LAYOUTS } from '@recording/contracts';

import { PAGE_TOKEN_PATTERN } from '../app/recordings/catalog/recording-page';
import { roomAuth } from './support/credentials';
import { requestJson, requestWithMethod } from './support/http';
import { startTestServer, TestServer } from './support/test-server';

type Schema = Record<string, unknown>;
interface Response {
  description: string;
  content?: Record<string, { schema: Schema }>;
  headers?: Record<string, { required?: boolean; schema: Schema }>;
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties: Record<string, Schema> }> };
}

const NAME = 'RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4';
const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } } };

describe('the OpenAPI document and the methods of each path', () => {
  let server: TestServer;
  let document: Document;
  const operation = (path: string, method: string) => document.paths[path][method];
  const parameter = (path: string, method: string, name: string) => operation(path, method).parameters!.find((p) => p.name === name)!;
  const bodyProperty = (path: string, name: string) => {
    const ref = operation(path, 'post').requestBody!.content['application/json'].schema.$ref.split('/').pop()!;
    return document.components.schemas[ref].properties[name];
  };

  beforeAll(async () => {
    server = await startTestServer();
    document = (await requestJson<Document>(`${server.url}/api/docs-json`)).body;
  });
  afterAll(() => server.close());

  describe('405 with Allow', () => {
    it.each([
      ['TRACE', '/auth/logout', 'POST'],
      ['PUT', '/recordings/start', 'POST'],
      ['GET', '/recordings/start', 'POST'],
      ['PATCH', `/recordings/${encodeURIComponent(NAME)}`, 'DELETE, GET, HEAD'],
      ['DELETE', `/recordings/${encodeURIComponent(NAME)}/poster`, 'GET, HEAD'],
      ['GET', `/recordings/${encodeURIComponent(NAME)}/share`, 'DELETE, POST'],
      ['QUERY', '/config', 'GET, HEAD'],
      ['PUT', '/recordings/nested/x.mp4', 'DELETE, GET, HEAD'],
    ])('answers %s %s with 405, Allow: %s and an errorMessage', async (method, path, allow) => {
      const response = await requestWithMethod(`${server.url}${path}`, method);
      expect({ status: response.status, allow: response.headers['allow'], type: response.headers['content-type'] }).toEqual({
        status: 405,
        allow,
        type: expect.stringMatching(/^application\/json/),
      });
      expect(JSON.parse(response.text)).toEqual({ errorMessage: expect.stringContaining(`it answers ${allow}`) });
    });

    it('answers HEAD with 405 where no GET is served, headers only', async () => {
      const response = await requestWithMethod(`${server.url}/auth/logout`, 'HEAD');
      expect({ status: response.status, allow: response.headers['allow'], text: response.text }).toEqual({
        status: 405,
        allow: 'POST',
        text: '',
      });
    });

    it("names no share link's token in its message", async () => {
      const response = await requestWithMethod(`${server.url}/shared/secret-token-123`, 'PUT');
      expect(response).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
      expect(response.text).not.toContain('secret-token-123');
    });

    it('names in Allow exactly the methods the document lists for each of its paths (and HEAD with GET)', async () => {
      expect(Object.keys(document.paths).length).toBeGreaterThan(15);
      for (const [path, operations] of Object.entries(document.paths)) {
        const listed = Object.keys(operations).map((method) => method.toUpperCase());
        const expected = [...listed, ...(listed.includes('GET') ? ['HEAD'] : [])].sort().join(', ');
        const url = `${server.url}${path.replace('{recordingName}', encodeURIComponent(NAME)).replace('{token}', 'some-token')}`;
        const response = await requestWithMethod(url, 'PATCH');
        expect({ path, status: response.status, allow: response.headers['allow'] }).toEqual({ path, status: 405, allow: expected });
      }
    });

    it('leaves the methods a path serves to their routes, and OPTIONS to CORS', async () => {
      expect((await requestWithMethod(`${server.url}/recordings/${encodeURIComponent(NAME)}`, 'HEAD', roomAuth('Test Room'))).status).toBe(
        404,
      );
      expect((await requestWithMethod(`${server.url}/recordings/not-a-name`, 'GET')).status).toBe(400);
      expect((await requestWithMethod(`${server.url}/token`, 'OPTIONS')).status).toBe(404);
      expect((await requestWithMethod(`${server.url}/no/such/path`, 'PUT')).status).toBe(404);
    });
  });

  describe('the document', () => {
    it('documents every 4xx and 5xx answer as {errorMessage} JSON, whatever the success media type', () => {
      const errors = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations).flatMap(([method, { responses }]) =>
          Object.entries(responses)
            .filter(([status]) => Number(status) >= 400)
            .map(([status, response]) => ({ path, method, status, content: response.content })),
        ),
      );
      expect(errors.length).toBeGreaterThan(80);
      for (const error of errors) expect(error).toEqual({ ...error, content: ERROR_CONTENT });
    });

    it.each([
      ['/recordings/{recordingName}', 'video/mp4', ['400', '401', '404', '416', '500', '503']],
      ['/shared/{token}', 'video/mp4', ['400', '404', '416', '500', '503']],
      ['/recordings/{recordingName}/poster', 'image/jpeg', ['400', '401', '404', '500', '503']],
      ['/shared/{token}/poster', 'image/jpeg', ['400', '404', '500', '503']],
    ])('documents GET %s: %s on success, and its errors', (path, mediaType, errors) => {
      const { responses } = operation(path, 'get');
      expect(Object.keys(responses['200'].content!)).toEqual([mediaType]);
      expect(Object.keys(responses).filter((status) => Number(status) >= 400)).toEqual(errors);
      expect(responses['200'].headers).toEqual(expect.objectContaining({ ETag: expect.objectContaining({ required: true }) }));
    });

    it('documents the range headers of a stream: Content-Range on 206 and 416, Accept-Ranges always', () => {
      const { responses } = operation('/recordings/{recordingName}', 'get');
      expect(Object.keys(responses['206'].content!)).toEqual(['video/mp4']);
      for (const status of ['206', '416']) expect(responses[status].headers!['Content-Range'].required).toBe(true);
      for (const status of ['200', '206', '304', '416']) expect(responses[status].headers!['Accept-Ranges']).toBeDefined();
    });

    it.each([
      ['/token', 'post'],
      ['/auth/operator', 'post'],
      ['/recordings', 'get'],
      ['/recordings/start', 'post'],
      ['/recordings/{recordingName}', 'delete'],
    ])('documents the 429 of %s %s with Retry-After', (path, method) => {
      expect(operation(path, method).responses['429'].headers!['Retry-After']).toEqual(expect.objectContaining({ required: true }));
    });

    it('gives every recordingName its pattern, which the server follows: a matching name is looked up, another is 400', async () => {
      const recordingNames = Object.entries(document.paths)
        .filter(([path]) => path.includes('{recordingName}'))
        .flatMap(([path, operations]) => Object.keys(operations).map((method) => parameter(path, method, 'recordingName').schema));
      expect(recordingNames).toHaveLength(6);
      for (const schema of recordingNames) expect(schema).toEqual({ type: 'string', pattern: NAME_PATTERNS.recordingName });
      expect(
        (await requestJson(`${server.url}/recordings/${encodeURIComponent(NAME)}/url`, { headers: roomAuth('Test Room') })).status,
      ).toBe(404);
      expect((await requestJson(`${server.url}/recordings/0/url`)).status).toBe(400);
    });

    it('gives the listing query its rules: room patterns, maxItems bounds, and the syntax of an opaque pageToken', async () => {
      const schema = (name: string) => parameter('/recordings', 'get', name).schema;
      expect(schema('roomName')).toEqual(expect.objectContaining({ pattern: NAME_PATTERNS.roomName }));
      expect(schema('roomId')).toEqual(expect.objectContaining({ pattern: NAME_PATTERNS.roomId }));
      expect(schema('maxItems')).toEqual(expect.objectContaining({ type: 'integer', minimum: 1, maximum: 1000 }));
      expect(schema('pageToken')).toEqual(expect.objectContaining({ type: 'string', pattern: PAGE_TOKEN_PATTERN.source }));
      const list = (pageToken: string) =>
        requestJson(`${server.url}/recordings?maxItems=5&pageToken=${encodeURIComponent(pageToken)}`, { headers: roomAuth('Test Room') });
      // Any string of its syntax is a position to list from (a client only ever passes one it was given); others are 400.
      expect(await list('0.')).toMatchObject({ status: 200, body: { recordings: [] } });
      expect(await list('1795428900000.QUJD-_')).toMatchObject({ status: 200 });
      expect(await list('not a token')).toMatchObject({ status: 400, body: { errorMessage: 'pageToken is not valid' } });
    });

    it('gives the bodies their rules: room and participant patterns, the layout enum, audioOnly a boolean', () => {
      expect(bodyProperty('/token', 'roomName')).toEqual(expect.objectContaining({ pattern: NAME_PATTERNS.roomName }));
      expect(bodyProperty('/token', 'participantName')).toEqual(
        expect.objectContaining({ pattern: NAME_PATTERNS.participantName, minLength: 1, maxLength: 100 }),
      );
      expect(bodyProperty('/recordings/start', 'roomName')).toEqual(expect.objectContaining({ pattern: NAME_PATTERNS.roomName }));
      expect(bodyProperty('/recordings/start', 'layout')).toEqual(expect.objectContaining({ enum: [...RECORDING_LAYOUTS] }));
      expect(bodyProperty('/recordings/start', 'audioOnly')).toEqual(expect.objectContaining({ type: 'boolean' }));
      expect(parameter('/recordings/{recordingName}', 'get', 'download').schema).toEqual({
        type: 'string',
        enum: ['1', 'true', '0', 'false'],
      });
    });
  });
});
