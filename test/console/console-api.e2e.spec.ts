import request from 'supertest';
import { validateEnvironment } from '@nrm/platform';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_PERSONAL_DATA_MASTER_KEY } from '../support/test-environment';
import { TEST_JWT_SECRET } from '../support/tokens';

const base = { PERSONAL_DATA_MASTER_KEY: TEST_PERSONAL_DATA_MASTER_KEY, AUTH_JWT_SECRET: TEST_JWT_SECRET };

describe('the demo sign-in setting', () => {
  it('is off by default', () => {
    expect(validateEnvironment(base).DEMO_SIGN_IN).toBe(false);
  });

  it('refuses to start with NODE_ENV=production, or without a secret to sign with', () => {
    expect(() => validateEnvironment({ ...base, DEMO_SIGN_IN: 'true', NODE_ENV: 'production' })).toThrow(
      /DEMO_SIGN_IN=true is refused with NODE_ENV=production/,
    );
    expect(() =>
      validateEnvironment({
        ...base,
        AUTH_JWT_SECRET: undefined,
        AUTH_JWKS_URL: 'https://id.example/jwks',
        DEMO_SIGN_IN: 'true',
      }),
    ).toThrow(/DEMO_SIGN_IN/);
    expect(() => validateEnvironment({ ...base, DEMO_SIGN_IN: 'yes' })).toThrow(/DEMO_SIGN_IN must be true or false/);
  });

  it('takes a time zone only if it is a real IANA zone', () => {
    expect(validateEnvironment(base).CONSOLE_TIME_ZONE).toBe('Asia/Baku');
    expect(() => validateEnvironment({ ...base, CONSOLE_TIME_ZONE: 'Mars/Olympus' })).toThrow(/CONSOLE_TIME_ZONE/);
  });
});

describe('the console served by the API', () => {
  let testApp: TestApp;
  afterEach(() => testApp?.close());

  it('without DEMO_SIGN_IN: no demo users, no demo token, and the config says so', async () => {
    testApp = await startTestApp({ DEMO_SIGN_IN: '' });
    const http = request(testApp.http);
    await http.get('/auth/demo-users').expect(404);
    await http.post('/auth/demo-token').send({ user: 'coordinator' }).expect(404);
    const config = await http.get('/console/config').expect(200);
    expect(config.body).toEqual({ oidc: null, timeZone: 'Asia/Baku', demoSignIn: false });
    await http.get('/cases').expect(401);
  });

  it('with DEMO_SIGN_IN: lists one demo user per role, and their token opens the API', async () => {
    testApp = await startTestApp({ DEMO_SIGN_IN: 'true', CONSOLE_TIME_ZONE: 'Europe/Moscow' });
    const http = request(testApp.http);
    const users = await http.get('/auth/demo-users').expect(200);
    expect(users.body.items.map((user: { roles: string[] }) => user.roles[0])).toEqual([
      'first-responder',
      'competent-authority-officer',
      'coordinator',
      'shelter-staff',
      'case-worker',
      'analyst',
      'supervisor',
    ]);
    const { body } = await http.post('/auth/demo-token').send({ user: 'coordinator' }).expect(200);
    await http.get('/cases').set('Authorization', `Bearer ${body.token}`).expect(200);
    await http.post('/auth/demo-token').send({ user: 'admin' }).expect(400);
    expect((await http.get('/console/config').expect(200)).body).toMatchObject({
      timeZone: 'Europe/Moscow',
      demoSignIn: true,
    });
  });
});
