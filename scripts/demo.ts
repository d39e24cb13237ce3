/**
 * Opens a demo case through the API and prints ready-to-use tokens (run by scripts/up.sh).
 * Usage: npm run demo -- http://127.0.0.1:3000   (needs AUTH_JWT_SECRET of the server)
 */
import { SignJWT } from 'jose';
import { DEMO_SHELTER_OPERATOR, DEMO_USERS as demoUsers } from '../apps/api/src/console/demo-users';
// The sample referral of the tests: the demo case is the same but for the person and the day.
import { validCase } from '../test/support/case-bodies';

const baseUrl = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const secret = process.env.AUTH_JWT_SECRET;

function sign(claims: object): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('30d')
    .sign(new TextEncoder().encode(secret));
}

async function main(): Promise<void> {
  if (!secret) throw new Error('AUTH_JWT_SECRET must be set (the server’s secret)');
  const officer = await sign(demoUsers.firstResponder);
  const coordinator = await sign(demoUsers.coordinator);
  const analyst = await sign(demoUsers.analyst);
  const sample = validCase();
  const response = await postOnce('/cases', officer, 'demo-case-1', {
    ...sample,
    person: {
      givenName: 'Leyla',
      familyName: 'Demo',
      estimatedAge: 24,
      sex: 'female',
      citizenship: 'UZ',
      languages: ['uz', 'ru'],
    },
    // Fixed, so that running `npm run up` again sends the same request under the same key.
    identification: { ...sample.identification, identifiedAt: '2026-11-01T09:30:00+04:00' },
    narrative: 'Demo case: found during a labour inspection; passport held by the employer.',
  });
  const body = (await response.json()) as { caseId?: string; caseNumber?: string; detail?: string };
  if (!response.ok) throw new Error(`POST /cases answered ${response.status}: ${body.detail ?? ''}`);
  await registerDemoShelter(coordinator);

  const lines = [
    '',
    'NRM case backend is running.',
    `  Console:               ${baseUrl}/      (demo sign-in: pick a user; DEMO_SIGN_IN=true)`,
    `  API docs (OpenAPI UI): ${baseUrl}/docs      (document: ${baseUrl}/docs-json)`,
    `  Health:                ${baseUrl}/health`,
    `  Demo case:             ${body.caseNumber}  ${baseUrl}/cases/${body.caseId}`,
    '',
    'Bearer tokens (valid 30 days):',
    `  first responder (police-baku):  ${officer}`,
    `  coordinator (sees all cases):   ${coordinator}`,
    `  analyst (statistics only):      ${analyst}`,
    '',
    'Try:',
    `  curl -H "Authorization: Bearer ${officer.slice(0, 16)}…" ${baseUrl}/cases/${body.caseId}`,
    `  export TOKEN=${officer}`,
    `  curl -H "Authorization: Bearer $TOKEN" ${baseUrl}/cases/${body.caseId}/timeline`,
    `  curl -H "Authorization: Bearer ${coordinator.slice(0, 16)}…" ${baseUrl}/cases/${body.caseId}/access-log`,
    `  curl -H "Authorization: Bearer ${analyst.slice(0, 16)}…" "${baseUrl}/statistics?format=csv"`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/**
 * POST as `token` under the same `idempotencyKey` every time: running up again answers with what the
 * first run created, not a second one.
 */
function postOnce(path: string, token: string, idempotencyKey: string, body: object): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
}

/** A shelter run by the demo shelter staff's organisation (same key: registered once). */
async function registerDemoShelter(coordinator: string): Promise<void> {
  const response = await postOnce('/shelters', coordinator, 'demo-shelter-1', {
    name: 'Demo shelter (Baku)',
    operatorOrgId: DEMO_SHELTER_OPERATOR,
    region: 'Bakı',
    beds: 12,
    accepts: ['women', 'children'],
  });
  if (!response.ok) throw new Error(`POST /shelters answered ${response.status}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
