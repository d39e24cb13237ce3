import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Page } from '../api';
import { useCommand } from '../command';
import { DateTime, Loading, ProblemMessage, useLoad, useTerm } from '../ui';

export interface Notification {
  id: string;
  kind: string;
  step?: string;
  caseId: string | null;
  message: string;
  createdAt: string;
  readAt: string | null;
  /** Per person (when the API sends it); else readAt says it. */
  read?: boolean;
}

export type NotificationsPage = Page<Notification> & { unread?: number };

const isRead = (notification: Notification) => notification.read ?? notification.readAt !== null;

/** The API's count when it sends one, else the unread items we have. */
export function unreadCount(inbox: NotificationsPage): number {
  return inbox.unread ?? inbox.items.filter((notification) => !isRead(notification)).length;
}

export function InboxPage({ onUnread }: { onUnread: (count: number) => void }) {
  const { t } = useTranslation();
  const term = useTerm();
  const inbox = useLoad(() => get<NotificationsPage>('/notifications?pageSize=100'), []);
  const markRead = useCommand();
  useEffect(() => {
    if (inbox.data) onUnread(unreadCount(inbox.data));
  }, [inbox.data, onUnread]);

  if (!inbox.data) return <Loading problem={inbox.problem} />;
  const unread = unreadCount(inbox.data);
  return (
    <section>
      <h1>
        {t('inbox.title')} <span className="badge">{t('inbox.unread', { count: unread })}</span>
      </h1>
      <ProblemMessage problem={markRead.problem} />
      {inbox.data.items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ul className="inbox">
          {inbox.data.items.map((notification) => (
            <li key={notification.id} className={isRead(notification) ? 'read' : 'unread'}>
              <p>
                <strong>{term('notificationKinds', notification.kind)}</strong> ·{' '}
                <DateTime value={notification.createdAt} />
              </p>
              <p>{notification.message}</p>
              {notification.kind === 'possible-duplicate' ? (
                <a href="#/duplicates">{t('inbox.openDuplicates')}</a>
              ) : (
                notification.caseId && <a href={`#/cases/${notification.caseId}`}>{t('inbox.openCase')}</a>
              )}{' '}
              {!isRead(notification) && (
                <button
                  type="button"
                  disabled={markRead.pending}
                  onClick={async () => {
                    if (await markRead.submit(`/notifications/${notification.id}/read`, {})) inbox.reload();
                  }}
                >
                  {t('inbox.markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
