import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BODY_LIMIT_BYTES } from '../../src/common/limits.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** A request that never reaches GraphQL still gets GraphQL's shape and a code, and nothing runs. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('transport-errors');
});
afterAll(async () => {
  await t?.close();
});

async function post(body: string, contentType: string) {
  const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as { errors: { message: string; extensions: { code: string } }[] } };
}

describe('requests GraphQL never sees', () => {
  it.each([
    ['a body that is not JSON', '{"query": "{ me { id } }"', 'application/json', 400, 'BAD_REQUEST', /not valid JSON/],
    ['a content type other than JSON', '<query/>', 'application/xml', 415, 'BAD_REQUEST', /application\/json/],
    ['a body over the limit', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(BODY_LIMIT_BYTES)}` }), 'application/json', 413, 'PAYLOAD_TOO_LARGE', /larger than 1 MiB/],
  ])('answers %s with a GraphQL error and a code', async (_what, body, contentType, status, code, message) => {
    const answer = await post(body, contentType);
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.body).toEqual({ errors: [{ message: expect.stringMatching(message), extensions: { code } }] });
  });

  it('leaves errors inside GraphQL and on other routes as they were', async () => {
    const inside = await post('{"query": "{ nope }"}', 'application/json');
    expect(inside.status).toBe(400);
    expect(inside.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const other = await fetch(`${t.url}/calendar/unknown.ics`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ statusCode: 404, message: 'No calendar feed at this address.' });
  });
});
