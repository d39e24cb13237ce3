import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api';
import { ApiError } from '../api';
import { type ConsoleConfig, demoSignIn, loadDemoUsers, type SignedInUser, startOidcSignIn } from '../session';
import { Loading, ProblemMessage, useLoad, useTerm } from '../ui';

export function SignInPage({
  config,
  onSignedIn,
}: {
  config: ConsoleConfig;
  onSignedIn: (user: SignedInUser) => void;
}) {
  const { t } = useTranslation();
  const term = useTerm();
  const [problem, setProblem] = useState<Problem | null>(null);
  const demoUsers = useLoad(() => (config.demoSignIn ? loadDemoUsers() : Promise.resolve([])), [config.demoSignIn]);

  const signInAs = async (key: string) => {
    try {
      const user = await demoSignIn(key);
      if (user) {
        location.hash = '';
        onSignedIn(user);
      }
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0 });
    }
  };

  return (
    <section className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {config.oidc && (
        <button type="button" className="primary" onClick={() => void startOidcSignIn(config.oidc!)}>
          {t('signIn.oidc')}
        </button>
      )}
      {config.demoSignIn && (
        <>
          <h2>{t('signIn.demo')}</h2>
          <p>{t('signIn.demoNote')}</p>
          {demoUsers.data ? (
            <ul className="demo-users">
              {demoUsers.data.map((user) => (
                <li key={user.key}>
                  <button type="button" onClick={() => void signInAs(user.key)}>
                    <strong>{term('roles', user.roles[0])}</strong>
                    <span>
                      {user.name} · {user.org}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <Loading problem={demoUsers.problem} />
          )}
        </>
      )}
      {!config.oidc && !config.demoSignIn && <p>{t('signIn.none')}</p>}
      <ProblemMessage problem={problem} />
    </section>
  );
}
