import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { setupLanguages } from './i18n';
import { fetchBoardEarly } from './pages/board';
import { completeOidcSignIn, loadConfig } from './session';
import { setTimeZone } from './time';
import './styles.css';

async function start(): Promise<void> {
  fetchBoardEarly();
  await setupLanguages();
  const config = await loadConfig();
  setTimeZone(config.timeZone);
  await completeOidcSignIn(config);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void start();
