import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, useBearerToken } from './api';
import { LANGUAGES } from './i18n';
import { ApprovalsPage } from './pages/approvals';
import { BoardPage } from './pages/board';
import { CasePage } from './pages/case-page';
import { CasesPage } from './pages/cases';
import { PossibleDuplicatesPage } from './pages/possible-duplicates';
import { InboxPage, type NotificationsPage, unreadCount } from './pages/inbox';
import { ReferralPage } from './pages/referral';
import { SheltersPage } from './pages/shelters';
import { StatisticsPage } from './pages/statistics';
import { SignInPage } from './pages/sign-in';
import { type ConsoleConfig, forgetToken, has, type SignedInUser, storedUser } from './session';
import { timeZone } from './time';

/** `#/cases/…?stage=referral` → path segments and query. Hash routing leaves every API path to the API. */
function parseHash(hash: string) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { segments: path.split('/').filter(Boolean), query: new URLSearchParams(query) };
}

function useHashRoute() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return parseHash(hash);
}

interface NavItem {
  href: string;
  label: string;
  badge?: number;
}

function navigation(user: SignedInUser, t: (key: string) => string, unread: number | null): NavItem[] {
  const items: NavItem[] = [];
  if (has(user, 'first-responder')) items.push({ href: '#/referral', label: t('nav.referral') });
  if (has(user, 'coordinator', 'case-worker', 'supervisor')) items.push({ href: '#/board', label: t('nav.board') });
  if (has(user, 'competent-authority-officer'))
    items.push({ href: '#/cases?stage=referral&status=presumed-victim', label: t('nav.awaitingDecision') });
  if (has(user, 'first-responder', 'competent-authority-officer', 'coordinator', 'case-worker', 'supervisor'))
    items.push({ href: '#/cases', label: has(user, 'first-responder') ? t('nav.myCases') : t('nav.cases') });
  if (has(user, 'first-responder', 'competent-authority-officer', 'coordinator', 'case-worker', 'supervisor'))
    items.push({ href: '#/approvals', label: t('nav.approvals') });
  // Only coordinators learn that a match was found (the API answers 403 to anyone else).
  if (has(user, 'coordinator')) items.push({ href: '#/duplicates', label: t('nav.duplicates') });
  if (has(user, 'shelter-staff', 'coordinator')) items.push({ href: '#/shelters', label: t('nav.shelters') });
  if (!has(user, 'analyst') || user.roles.length > 1)
    items.push({ href: '#/inbox', label: t('nav.inbox'), badge: unread ?? undefined });
  if (has(user, 'analyst', 'coordinator')) items.push({ href: '#/statistics', label: t('nav.statistics') });
  return items;
}

function homeOf(user: SignedInUser): string {
  if (has(user, 'supervisor')) return 'approvals';
  if (has(user, 'coordinator', 'case-worker')) return 'board';
  if (has(user, 'first-responder')) return 'referral';
  if (has(user, 'competent-authority-officer')) return 'cases';
  if (has(user, 'shelter-staff')) return 'shelters';
  return 'statistics';
}

export function App({ config }: { config: ConsoleConfig }) {
  const { t, i18n } = useTranslation();
  const [user, setUser] = useState<SignedInUser | null>(storedUser);
  const [unread, setUnread] = useState<number | null>(null);
  const route = useHashRoute();
  useBearerToken(user?.token ?? null, () => {
    forgetToken();
    setUser(null);
  });

  const page = route.segments[0] ?? (user ? homeOf(user) : '');
  const hasInbox = user !== null && (!has(user, 'analyst') || user.roles.length > 1);
  useEffect(() => {
    if (!hasInbox) return;
    get<NotificationsPage>('/notifications?pageSize=100').then(
      (inbox) => setUnread(unreadCount(inbox)),
      () => setUnread(null),
    );
  }, [hasInbox, page, user?.token]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  useEffect(() => {
    document.title = `${t(`title.${page || 'signIn'}`, { defaultValue: t('app') })} · ${t('app')}`;
  }, [page, t, i18n.language]);

  const languageSwitch = (
    <label className="language">
      {t('language')}{' '}
      <select value={i18n.language} onChange={(event) => void i18n.changeLanguage(event.target.value)}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );

  if (!user) {
    return (
      <>
        <header className="top">
          <span className="brand">{t('app')}</span>
          {languageSwitch}
        </header>
        <main id="main">
          <SignInPage config={config} onSignedIn={setUser} />
        </main>
      </>
    );
  }

  const items = navigation(user, t, unread);
  const id = route.segments[1];
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}
      >
        {t('skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.href.slice(2).split('?')[0] === page ? 'page' : undefined}>
                  {item.label}
                  {item.badge ? (
                    <span className="badge" aria-label={t('inbox.unread', { count: item.badge })}>
                      {item.badge}
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user.name} · {user.organisationId}
          </span>
          {languageSwitch}
          <button
            type="button"
            onClick={() => {
              forgetToken();
              setUser(null);
              location.hash = '';
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page === 'referral' && <ReferralPage user={user} />}
        {page === 'board' && <BoardPage query={route.query} />}
        {page === 'inbox' && <InboxPage onUnread={setUnread} />}
        {page === 'approvals' && <ApprovalsPage user={user} />}
        {page === 'cases' && !id && <CasesPage user={user} query={route.query} />}
        {page === 'cases' && id && <CasePage user={user} caseId={id} />}
        {page === 'shelters' && <SheltersPage user={user} shelterId={id} />}
        {page === 'statistics' && <StatisticsPage />}
        {page === 'duplicates' && has(user, 'coordinator') && <PossibleDuplicatesPage />}
      </main>
      <footer className="zone">{t('zoneNote', { zone: timeZone() })}</footer>
    </>
  );
}
