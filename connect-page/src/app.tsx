// The page: which view is shown (a message, a setup step, the integration's page) and the moves
// between them. Every piece of data comes from the public API through the connect link's token.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem, connectApi, type HrSystem, type Integration } from './api';
import { Page, type PageContext } from './context';
import { tellEmbedder } from './embedder';
import { browserLanguage, translator, type Lang } from './i18n';
import { DisconnectedPage, IntegrationPage, type ConfigArea } from './integration-page';
import { MessagePage, type MessageReason } from './message-page';
import { CredentialsStep } from './steps/credentials';
import { DoneStep } from './steps/done';
import { ExtraStep } from './steps/extra';
import { FieldsStep } from './steps/fields';
import { FiltersStep } from './steps/filters';
import { PickSystemStep } from './steps/pick-system';

type SetupStep = 'pick-system' | 'fields' | 'credentials' | 'extra' | 'filters' | 'done';
type View =
  | { kind: 'loading' }
  | { kind: 'message'; reason: MessageReason }
  | { kind: 'setup'; step: SetupStep }
  | { kind: 'edit'; area: ConfigArea }
  | { kind: 'integration' }
  | { kind: 'disconnected' };

const NEXT: Record<SetupStep, SetupStep> = { 'pick-system': 'fields', fields: 'credentials', credentials: 'extra', extra: 'filters', filters: 'done', done: 'done' };
const PREVIOUS: Record<SetupStep, SetupStep> = { 'pick-system': 'pick-system', fields: 'pick-system', credentials: 'fields', extra: 'credentials', filters: 'extra', done: 'filters' };

function reasonOf(problem: ApiProblem): MessageReason {
  if (problem.code === 'connect_link_expired') return 'expired';
  if (problem.code === 'connect_link_revoked') return 'revoked';
  return 'invalid';
}

/** Where the same link leads: the integration's page once set up, else the first step not done. */
function viewOf(integration: Integration | null): View {
  if (!integration || integration.status === 'DISCONNECTED') return { kind: 'setup', step: 'pick-system' };
  if (integration.status === 'DRAFT') return { kind: 'setup', step: integration.credentialsEntered ? 'extra' : 'fields' };
  return { kind: 'integration' };
}

export function App(props: { token: string | null }) {
  const [lang, setLang] = useState<Lang>(() => browserLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]));
  const [view, setView] = useState<View>(props.token ? { kind: 'loading' } : { kind: 'message', reason: 'no-link' });
  const [catalog, setCatalog] = useState<HrSystem[]>([]);
  const [integration, setIntegration] = useState<Integration | null>(null);
  const [status, setStatus] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  const t = useMemo(() => translator(lang), [lang]);
  const api = useMemo(() => connectApi(props.token ?? '', (problem) => show({ kind: 'message', reason: reasonOf(problem) })), [props.token]);
  const page: PageContext = { api, lang, t, catalog, announce: setStatus };

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('pageTitle');
  }, [lang]);

  useEffect(() => {
    if (!props.token) return;
    Promise.all([api.catalog(), api.integrations()]).then(
      ([systems, integrations]) => {
        const current = integrations.find((i) => i.status !== 'DISCONNECTED') ?? null;
        setCatalog(systems);
        setIntegration(current);
        setView(viewOf(current));
      },
      (err: unknown) => {
        if (err instanceof ApiProblem && err.status === 401) return; // the message page is shown already
        setView({ kind: 'message', reason: err instanceof ApiProblem && err.status === 403 ? 'invalid' : 'network' });
      },
    );
  }, [api]);

  const system = integration ? catalog.find((s) => s.id === integration.hrSystem) : undefined;
  // Another view: the status line's message belonged to the one left ("N attributes read…"), unless
  // it tells how the move itself ended ("Saved." after a change made from the integration's page).
  const show = (next: View, keepStatus = false) => {
    setView(next);
    if (!keepStatus) setStatus('');
  };
  const go = (step: SetupStep) => show({ kind: 'setup', step });

  const pick = async (chosen: HrSystem) => {
    setPicking(true);
    setPickError(null);
    try {
      // A draft of another system is given up (it never synced); one of the same system continues.
      if (integration?.status === 'DRAFT' && integration.hrSystem !== chosen.id) await api.disconnect(integration.id);
      const next = integration?.status === 'DRAFT' && integration.hrSystem === chosen.id ? integration : await api.start(chosen.id);
      setIntegration(next);
      go('fields');
    } catch (err) {
      setPickError(err instanceof ApiProblem ? err.message : t('tryAgain'));
    } finally {
      setPicking(false);
    }
  };

  const body = () => {
    if (view.kind === 'loading') return <p role="status">{t('loading')}</p>;
    if (view.kind === 'message') return <MessagePage reason={view.reason} />;
    if (view.kind === 'setup' && view.step === 'pick-system') return <PickSystemStep initial={integration?.status === 'DRAFT' ? integration.hrSystem : null} busy={picking} error={pickError} onPick={(s) => void pick(s)} />;
    if (!integration || !system) return <p role="status">{t('loading')}</p>;
    const stepProps = { integration, system };
    if (view.kind === 'disconnected') return <DisconnectedPage system={system} onConnectAgain={() => go('pick-system')} />;
    if (view.kind === 'integration') {
      return (
        <IntegrationPage
          {...stepProps}
          onChange={setIntegration}
          onEdit={(area) => show({ kind: 'edit', area })}
          onDisconnected={(disconnected) => {
            tellEmbedder({ type: 'hr-connect.disconnected', integrationId: disconnected.id });
            setIntegration(disconnected);
            show({ kind: 'disconnected' });
          }}
        />
      );
    }
    if (view.kind === 'edit') {
      const back = () => show({ kind: 'integration' });
      const saved = (i: Integration) => {
        setIntegration(i);
        show({ kind: 'integration' }, true);
      };
      const editProps = { ...stepProps, editing: true, onSaved: saved, onBack: back };
      if (view.area === 'fields') return <FieldsStep {...editProps} />;
      if (view.area === 'credentials') return <CredentialsStep {...editProps} />;
      if (view.area === 'extra') return <ExtraStep {...editProps} />;
      return <FiltersStep {...editProps} />;
    }
    const step = view.step;
    const setupProps = {
      ...stepProps,
      editing: false,
      onSaved: (i: Integration) => {
        setIntegration(i);
        go(NEXT[step]);
      },
      onBack: () => go(PREVIOUS[step]),
    };
    if (step === 'fields') return <FieldsStep {...setupProps} />;
    if (step === 'credentials') return <CredentialsStep {...setupProps} />;
    if (step === 'extra') return <ExtraStep {...setupProps} />;
    if (step === 'filters') return <FiltersStep {...setupProps} />;
    return (
      <DoneStep
        {...stepProps}
        onBack={() => go('filters')}
        onCredentialsMissing={() => go('credentials')}
        onActivated={(activated) => {
          tellEmbedder({ type: 'hr-connect.activated', integrationId: activated.id });
          setIntegration(activated);
          show({ kind: 'integration' });
        }}
      />
    );
  };

  return (
    <Page.Provider value={page}>
      <header class="top">
        <h1>{t('pageTitle')}</h1>
        <div class="languages" role="group" aria-label={t('language')}>
          <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
            English
          </button>
          <button type="button" lang="de" aria-pressed={lang === 'de'} onClick={() => setLang('de')}>
            Deutsch
          </button>
        </div>
      </header>
      <main>{body()}</main>
      <p class="status-line" role="status" aria-live="polite">
        {status}
      </p>
    </Page.Provider>
  );
}
