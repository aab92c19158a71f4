import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { testDbKind } from '../../../tests/helpers/test-db.ts';
import { testPassword, testUsers } from '../../../tests/helpers/test-users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const sameOrigin = { origin: 'http://localhost', host: 'localhost' };

async function logIn(email: string, password: string, ip = '10.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
}

describe('auth and roles', () => {
  it('logs in with a HttpOnly, SameSite session cookie and answers /me', async () => {
    const res = await logIn(testUsers.manager.email, testPassword);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'afterclose_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { afterclose_session: cookie?.value ?? '' } });
    expect(me.json().user).toMatchObject({ email: testUsers.manager.email, role: 'manager' });
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: sameOrigin, cookies: { afterclose_session: cookie?.value ?? '' } });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { afterclose_session: cookie?.value ?? '' } });
    expect(after.statusCode).toBe(401);
  });

  it('refuses cookie-authenticated writes from another origin or with no origin (CSRF)', async () => {
    const login = await logIn(testUsers.sales.email, testPassword);
    const cookies = { afterclose_session: login.cookies[0]?.value ?? '' };
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { host: 'localhost', ...headers }, cookies, payload: { name: 'CSRF Co' } });
    expect((await post({ origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await post({})).statusCode).toBe(403);
    expect((await post({ origin: 'http://localhost' })).statusCode).toBe(201);
  });

  it('bearer tokens authenticate until revoked', async () => {
    const created = await t.as('sales')('POST', '/api/v1/auth/tokens', { name: 'zapier' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers })).statusCode).toBe(200);
    expect((await t.as('sales')('DELETE', `/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/accounts', headers })).statusCode).toBe(401);
  });

  it('only admins manage users; duplicate emails are refused', async () => {
    const body = { email: 'new.rep@test.example', name: 'New Rep', role: 'sales', password: 'long-enough-1' };
    expect((await t.as('manager')('POST', '/api/v1/users', body)).statusCode).toBe(403);
    expect((await t.as('admin')('POST', '/api/v1/users', body)).statusCode).toBe(201);
    const dup = await t.as('admin')('POST', '/api/v1/users', { ...body, email: 'NEW.REP@test.example' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.field).toBe('email');
    const weak = await t.as('admin')('POST', '/api/v1/users', { ...body, email: 'x@test.example', password: 'short' });
    expect(weak.json().error.field).toBe('password');
  });
});

describe('the HTTP surface', () => {
  it('answers malformed JSON, wrong types and oversized bodies with clear 4xx', async () => {
    const token = (await t.as('sales')('POST', '/api/v1/auth/tokens', { name: 'raw' })).json().token;
    const send = (payload: string, type = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload });
    const malformed = await send('{"name": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_input');
    const wrongType = await send(JSON.stringify({ name: 42 }));
    expect(wrongType.json().error).toMatchObject({ code: 'invalid_input', field: 'name' });
    const huge = await send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    expect((await send('name=x', 'text/plain')).json().error.code).toBe('invalid_input');
    expect((await send('<a/>', 'application/xml')).statusCode).toBe(415);
  });

  it('reports health with the database kind, serves OpenAPI and docs, sets security headers', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok', database: testDbKind() });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain('/api/v1/accounts/{id}/timeline');
    // The hot reads' response schemas (decision 0032) document their answers, dates as strings.
    const timelineAnswer = spec.paths['/api/v1/accounts/{id}/timeline'].get.responses['200'].content['application/json'].schema;
    expect(timelineAnswer.properties.items.items.properties.at).toMatchObject({ type: 'string', format: 'date-time' });
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    const unknown = await t.as('sales')('GET', '/api/v1/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });
});
