import { get, request } from './api';

export interface ConsoleConfig {
  oidc: { issuer: string; clientId: string } | null;
  timeZone: string;
  demoSignIn: boolean;
}

export interface SignedInUser {
  token: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationType: string;
  roles: string[];
}

export interface DemoUser {
  key: string;
  sub: string;
  name: string;
  org: string;
  orgType: string;
  roles: string[];
}

const STORAGE_KEY = 'nrm.console.token';

/** The claims of a token the API will verify (the console never trusts them for access, only to shape pages). */
function userFromToken(token: string): SignedInUser | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
    if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) return null;
    return {
      token,
      userId: String(payload.sub ?? ''),
      name: String(payload.name ?? payload.sub ?? ''),
      organisationId: String(payload.org ?? ''),
      organisationType: String(payload.orgType ?? ''),
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
    };
  } catch {
    return null;
  }
}

export function storedUser(): SignedInUser | null {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token ? userFromToken(token) : null;
}

export function keepToken(token: string): SignedInUser | null {
  sessionStorage.setItem(STORAGE_KEY, token);
  return userFromToken(token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

export const loadConfig = () => get<ConsoleConfig>('/console/config');
export const loadDemoUsers = () => get<{ items: DemoUser[] }>('/auth/demo-users').then((page) => page.items);

export async function demoSignIn(user: string): Promise<SignedInUser | null> {
  const { data } = await request<{ token: string }>('/auth/demo-token', { method: 'POST', body: { user } });
  return keepToken(data.token);
}

/** OIDC, authorization code with PKCE (oidc-client-ts, loaded only when an issuer is configured). */
async function userManager(oidc: NonNullable<ConsoleConfig['oidc']>) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

export async function startOidcSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  await (await userManager(oidc)).signinRedirect();
}

/** Back from the issuer with ?code=…&state=…: exchange the code (PKCE) for the access token. */
export async function completeOidcSignIn(config: ConsoleConfig): Promise<SignedInUser | null> {
  const params = new URLSearchParams(location.search);
  if (!config.oidc || !params.has('code') || !params.has('state')) return null;
  const user = await (await userManager(config.oidc)).signinRedirectCallback();
  history.replaceState(null, '', `${location.pathname}#/`);
  return keepToken(user.access_token);
}

export function has(user: SignedInUser, ...roles: string[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
