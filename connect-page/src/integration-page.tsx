// The integration's page, where the same link leads once setup is done: status, last and next sync,
// "Sync now", the history with counts and warnings, removals held back for review, configuration
// changes and disconnect (saying what stays).
import { useEffect, useState } from 'preact/hooks';
import type { HrSystem, Integration, SyncRun } from './api';
import { Actions, ErrorNotice, StepFrame, messageOf } from './components';
import { usePage } from './context';
import type { TextKey } from './i18n';

export type ConfigArea = 'fields' | 'credentials' | 'extra' | 'filters';

const POLL_RUNNING_MS = 2_000;
const POLL_IDLE_MS = 30_000;
const EXPECT_RUN_MS = 20_000;

export function IntegrationPage(props: { integration: Integration; system: HrSystem; onChange: (i: Integration) => void; onEdit: (area: ConfigArea) => void; onDisconnected: (i: Integration) => void }) {
  const { api, t, lang, announce } = usePage();
  const i = props.integration;
  const system = props.system.name;
  const [runs, setRuns] = useState<SyncRun[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);
  const [tick, setTick] = useState(0);
  // The admin's choice of the invitation switch while it is being saved (null: none pending).
  const [inviteChoice, setInviteChoice] = useState<boolean | null>(null);
  const [inviteError, setInviteError] = useState<string | null>(null);

  const reload = async () => {
    try {
      const [fresh, history] = await Promise.all([api.integration(i.id), api.syncs(i.id)]);
      props.onChange(fresh);
      setRuns(history);
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    }
  };

  // Follows a running sync closely, and one just asked for (its run is recorded once it starts);
  // otherwise looks again now and then.
  const [expectRunUntil, setExpectRunUntil] = useState(() => Date.now() + EXPECT_RUN_MS);
  const running = (runs?.some((r) => r.status === 'RUNNING') ?? true) || Date.now() < expectRunUntil;
  useEffect(() => {
    void reload();
  }, [tick]);
  useEffect(() => {
    const timer = window.setTimeout(() => setTick((n) => n + 1), running ? POLL_RUNNING_MS : POLL_IDLE_MS);
    return () => window.clearTimeout(timer);
  }, [tick, running]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      announce(done);
      setTick((n) => n + 1);
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };

  // The box keeps the admin's choice while the API answers; only a refusal puts it back (and says why).
  const saveInvite = async (autoInvite: boolean) => {
    setInviteChoice(autoInvite);
    setInviteError(null);
    try {
      props.onChange(await api.configure(i.id, { autoInvite }));
      announce(t('saved'));
    } catch (err) {
      setInviteError(messageOf(err, t('tryAgain')));
    } finally {
      setInviteChoice(null);
    }
  };

  // The confirmed run as the API answers it, shown at once (the history is read again after).
  const confirm = (run: SyncRun) =>
    act(async () => {
      const confirmed = await api.confirmRemovals(i.id, run.id);
      setRuns((current) => current?.map((r) => (r.id === confirmed.id ? confirmed : r)) ?? current);
    }, t('removalsConfirmed'));

  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onDisconnected(await api.disconnect(i.id));
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
      setBusy(false);
    }
  };

  const when = (iso: string | null | undefined, otherwise: string) => (iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : otherwise);
  const held = (runs ?? []).filter((r) => r.pendingRemovals > 0 && !r.confirmedAt);
  // A run held back for review whose removals were confirmed says so.
  const result = (r: Pick<SyncRun, 'status' | 'confirmedAt'>) => (r.status === 'NEEDS_REVIEW' && r.confirmedAt ? t('runConfirmed') : t(`run${r.status}` as TextKey));
  const last = i.lastSync;
  return (
    <StepFrame step="integration" title={t('integrationTitle', { system })}>
      <dl class="summary">
        <dt>{t('status')}</dt>
        <dd>
          <span class={`status status-${i.status}`}>{t(`status${i.status}` as TextKey)}</span>
        </dd>
        <dt>{t('lastSync')}</dt>
        <dd>{last ? `${when(last.startedAt, '')} · ${result(last)}` : t('never')}</dd>
        <dt>{t('nextSync')}</dt>
        <dd>{when(i.nextScheduledSyncAt, t('notScheduled'))}</dd>
      </dl>
      {i.lastError && (
        <div class="notice warning">
          <p class="notice-title">{t('lastError')}</p>
          <p>{i.lastError}</p>
        </div>
      )}
      <Actions>
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() => {
            setExpectRunUntil(Date.now() + EXPECT_RUN_MS);
            void act(() => api.syncNow(i.id), t('syncStarted'));
          }}
        >
          {t('syncNow')}
        </button>
        <button type="button" onClick={() => setTick((n) => n + 1)}>
          {t('refresh')}
        </button>
      </Actions>
      <ErrorNotice error={error} />

      {held.map((run) => (
        <section key={run.id} class="notice warning" aria-labelledby={`held-${run.id}`}>
          <h3 id={`held-${run.id}`}>{t('heldBackTitle')}</h3>
          <p>{t('heldBackText', { n: run.pendingRemovals, system })}</p>
          <button type="button" class="primary" disabled={busy} onClick={() => void confirm(run)}>
            {t('confirmRemovals')}
          </button>
        </section>
      ))}

      <div class="block">
        <h3 id="history-title">{t('history')}</h3>
        {runs && runs.length === 0 && <p>{t('noSyncs')}</p>}
        {runs && runs.length > 0 && (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="history-title">
            <table class="history">
              <thead>
                <tr>
                  <th scope="col">{t('started')}</th>
                  <th scope="col">{t('trigger')}</th>
                  <th scope="col">{t('runStatus')}</th>
                  <th scope="col" class="num">{t('countRead')}</th>
                  <th scope="col" class="num">{t('countCreated')}</th>
                  <th scope="col" class="num">{t('countUpdated')}</th>
                  <th scope="col" class="num">{t('countUnchanged')}</th>
                  <th scope="col" class="num">{t('countFilteredOut')}</th>
                  <th scope="col" class="num">{t('countRemoved')}</th>
                  <th scope="col" class="num" id="history-warnings">
                    {t('warnings')}
                  </th>
                </tr>
              </thead>
              {/* One body per run: its counts, then its warnings (if any) on a row of their own across the table. */}
              {runs.map((r) => {
                const notes = [...r.warnings, ...(r.error ? [r.error] : [])];
                return (
                  <tbody key={r.id} class={notes.length ? 'run has-notes' : 'run'}>
                    <tr>
                      <th scope="row" id={`run-${r.id}`}>
                        {when(r.startedAt, '')}
                      </th>
                      <td>{t(`trigger${r.trigger}` as TextKey)}</td>
                      <td>{result(r)}</td>
                      <td class="num">{r.counts.read}</td>
                      <td class="num">{r.counts.created}</td>
                      <td class="num">{r.counts.updated}</td>
                      <td class="num">{r.counts.unchanged}</td>
                      <td class="num">{r.counts.filteredOut}</td>
                      <td class="num">{r.counts.removed}</td>
                      <td class="num">{notes.length}</td>
                    </tr>
                    {notes.length > 0 && (
                      <tr class="run-notes">
                        <td colSpan={10} headers={`history-warnings run-${r.id}`}>
                          <ul>
                            {notes.map((note, n) => (
                              <li key={n}>{note}</li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    )}
                  </tbody>
                );
              })}
            </table>
          </div>
        )}
      </div>

      <div class="block">
        <h3>{t('configuration')}</h3>
        <div class="check">
          <label>
            {/* aria-disabled, not disabled, while saving: a disabled box would drop the keyboard focus. */}
            <input
              type="checkbox"
              checked={inviteChoice ?? i.autoInvite}
              aria-disabled={inviteChoice !== null}
              aria-busy={inviteChoice !== null}
              onClick={(e) => {
                if (inviteChoice !== null) e.preventDefault();
              }}
              onChange={(e) => {
                if (inviteChoice === null) void saveInvite(e.currentTarget.checked);
              }}
            />
            <span>{t('changeInvites')}</span>
          </label>
        </div>
        <ErrorNotice error={inviteError} />
        <Actions>
          <button type="button" onClick={() => props.onEdit('fields')}>
            {t('changeFields')}
          </button>
          <button type="button" onClick={() => props.onEdit('credentials')}>
            {t('changeCredentials')}
          </button>
          <button type="button" onClick={() => props.onEdit('extra')}>
            {t('changeMapping')}
          </button>
          <button type="button" onClick={() => props.onEdit('filters')}>
            {t('changeFilters')}
          </button>
        </Actions>
      </div>

      <div class="block">
        <h3>{t('disconnect')}</h3>
        <p>{t('disconnectText')}</p>
        {!confirmingDisconnect ? (
          <Actions>
            <button type="button" class="danger" onClick={() => setConfirmingDisconnect(true)}>
              {t('disconnect')}
            </button>
          </Actions>
        ) : (
          <div class="notice warning" role="group" aria-labelledby="disconnect-confirm-title">
            <p id="disconnect-confirm-title" class="notice-title">
              {t('disconnectTitle', { system })}
            </p>
            <Actions>
              <button type="button" onClick={() => setConfirmingDisconnect(false)}>
                {t('cancel')}
              </button>
              <button type="button" class="danger" disabled={busy} onClick={() => void disconnect()}>
                {t('confirmDisconnect')}
              </button>
            </Actions>
          </div>
        )}
      </div>
    </StepFrame>
  );
}

export function DisconnectedPage(props: { system: HrSystem; onConnectAgain: () => void }) {
  const { t } = usePage();
  return (
    <StepFrame step="integration" title={t('disconnectedTitle', { system: props.system.name })} intro={t('disconnectedText')}>
      <Actions>
        <button type="button" class="primary" onClick={props.onConnectAgain}>
          {t('connectAgain')}
        </button>
      </Actions>
    </StepFrame>
  );
}
