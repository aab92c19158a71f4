import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const newUser = { email: 'ronja.berg@test.example', name: 'Ronja Berg', role: 'sales' };

describe('password policy', () => {
  it.each([
    ['shorter than 12 characters', 'eleven-char', /at least 12 characters/],
    ['the email address', 'ronja.berg@test.example', /email/],
    ['the email with something added', 'Ronja.Berg2026!', /email/],
    ['few different characters', 'aaaaaaaaaaaaaaab', /different characters/],
  ])('refuses a password that is %s, naming the field', async (_case, password, message) => {
    const res = await t.as('admin')('POST', '/api/v1/users', { ...newUser, password });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', field: 'password', message: expect.stringMatching(message) });
    expect(await t.db.selectFrom('users').select('id').where('email', '=', newUser.email).execute()).toEqual([]);
  });

  it('accepts 12 characters that are not the email, and the user can sign in with them', async () => {
    const res = await t.as('admin')('POST', '/api/v1/users', { ...newUser, password: 'twelve chars' });
    expect(res.statusCode).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: newUser.email, password: 'twelve chars' } });
    expect(login.statusCode).toBe(200);
  });
});

describe('caching of API answers', () => {
  it('marks signed-in JSON answers, errors and the login answer no-store', async () => {
    const list = await t.as('sales')('GET', '/api/v1/accounts');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect((await t.as('sales')('GET', '/api/v1/auth/me')).headers['cache-control']).toBe('no-store');
    expect((await t.as('sales')('GET', '/api/v1/accounts/00000000-0000-4000-8000-000000000000')).headers['cache-control']).toBe('no-store');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@test.example', password: 'wrong-guess' } });
    expect(login.headers['cache-control']).toBe('no-store');
  });

  it('leaves public, non-API answers to their own policy', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.headers['cache-control']).toBeUndefined();
  });
});
