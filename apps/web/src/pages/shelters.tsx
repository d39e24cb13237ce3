import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Page, request } from '../api';
import { has, type SignedInUser } from '../session';
import { zonedToday } from '../time';
import { DateTime, Loading, TableHead, useLoad, useTerm } from '../ui';
import { type Action, ActionForm } from './actions';

interface Shelter {
  id: string;
  name: string;
  operatorOrgId: string;
  region: string;
  accepts: string[];
  beds: number;
  occupied: number;
  freeBeds: number;
}

interface Placement {
  placementId: string;
  caseId: string;
  status: string;
  needs: string[];
  requestedAt: string;
  decidedAt: string | null;
  checkedInAt: string | null;
}

/** Shelter staff: their organisation's shelters with free beds; one shelter's requests and residents. */
export function SheltersPage({ user, shelterId }: { user: SignedInUser; shelterId?: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => get<Page<Shelter>>('/shelters?pageSize=100'), []);
  if (shelterId) return <ShelterPage user={user} shelterId={shelterId} />;
  if (!list.data) return <Loading problem={list.problem} />;
  const mine = has(user, 'coordinator')
    ? list.data.items
    : list.data.items.filter((shelter) => shelter.operatorOrgId === user.organisationId);
  return (
    <section>
      <h1>{has(user, 'coordinator') ? t('shelters.all') : t('shelters.title')}</h1>
      {mine.length === 0 ? (
        <p>{t('shelters.empty')}</p>
      ) : (
        <table>
          <TableHead columns={[t('shelters.name'), t('shelters.region'), t('shelters.freeBeds')]} />
          <tbody>
            {mine.map((shelter) => (
              <tr key={shelter.id}>
                <td>
                  <a href={`#/shelters/${shelter.id}`}>{shelter.name}</a>
                </td>
                <td>{shelter.region}</td>
                <td>{t('shelters.bedsFree', { free: shelter.freeBeds, beds: shelter.beds })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ShelterPage({ user, shelterId }: { user: SignedInUser; shelterId: string }) {
  const { t } = useTranslation();
  const term = useTerm();
  const [minPosition, setMinPosition] = useState<string | null>(null);
  const shelter = useLoad(
    () =>
      request<Shelter & { placements: Placement[] }>(
        `/shelters/${shelterId}${minPosition ? `?minPosition=${minPosition}` : ''}`,
      ),
    [shelterId, minPosition],
  );
  const [message, setMessage] = useState<string | null>(null);
  if (!shelter.data) return <Loading problem={shelter.problem} onReload={shelter.reload} />;
  const { data: view, etag } = shelter.data;
  const done = (title: string) => (result: { position?: string }) => {
    setMessage(t('case.saved', { action: title }));
    if (result.position) setMinPosition(result.position);
    else shelter.reload();
  };
  const today = zonedToday(Date.now());
  const placementActions = (placement: Placement): Action[] => {
    const base = `/placements/${placement.placementId}`;
    if (placement.status === 'requested')
      return [
        { id: `accept-${placement.placementId}`, title: t('shelters.accept'), path: `${base}/accept`, fields: [] },
        {
          id: `decline-${placement.placementId}`,
          title: t('shelters.decline'),
          path: `${base}/decline`,
          fields: [{ name: 'reason', label: t('actions.reason'), type: 'textarea' }],
        },
      ];
    if (placement.status === 'accepted')
      return [
        { id: `check-in-${placement.placementId}`, title: t('shelters.checkIn'), path: `${base}/check-in`, fields: [] },
      ];
    if (placement.status === 'checked-in')
      return [
        {
          id: `check-out-${placement.placementId}`,
          title: t('shelters.checkOut'),
          path: `${base}/check-out`,
          fields: [
            { name: 'reason', label: t('actions.reason'), type: 'textarea' },
            { name: 'date', label: t('shelters.checkOutDate'), type: 'date', defaultValue: today },
          ],
        },
      ];
    return [];
  };
  const groups: [string, Placement[]][] = [
    [t('shelters.requests'), view.placements.filter((placement) => placement.status === 'requested')],
    [t('shelters.arriving'), view.placements.filter((placement) => placement.status === 'accepted')],
    [t('shelters.residents'), view.placements.filter((placement) => placement.status === 'checked-in')],
  ];
  void user;
  return (
    <section>
      <h1>{view.name}</h1>
      <p>
        {view.region} · {t('shelters.bedsFree', { free: view.freeBeds, beds: view.beds })} ·{' '}
        {view.accepts.map((value) => term('accepts', value)).join(', ')}
      </p>
      {message && (
        <p role="status" className="success">
          {message}
        </p>
      )}
      {groups.map(([title, placements]) => (
        <section key={title} aria-label={title}>
          <h2>{title}</h2>
          {placements.length === 0 ? (
            <p>{t('shelters.none')}</p>
          ) : (
            <ul className="placements">
              {placements.map((placement) => (
                <li key={placement.placementId}>
                  <p>
                    <a href={`#/cases/${placement.caseId}`}>{t('shelters.careView')}</a> · {t('shelters.requested')}{' '}
                    <DateTime value={placement.requestedAt} />
                    {placement.checkedInAt && (
                      <>
                        {' '}
                        · {t('shelters.checkedIn')} <DateTime value={placement.checkedInAt} />
                      </>
                    )}
                  </p>
                  {placement.needs.length > 0 && (
                    <p>
                      {t('actions.needs')}: {placement.needs.join(', ')}
                    </p>
                  )}
                  <div className="actions">
                    {placementActions(placement).map((action) => (
                      <ActionForm
                        key={action.id}
                        action={action}
                        ifMatch={etag}
                        onDone={done(action.title)}
                        onReload={shelter.reload}
                      />
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
