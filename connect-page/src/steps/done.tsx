// Step 6: what was chosen, the invitation switch, and activation (the first sync starts at once).
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, type HrSystem, type Integration, type IntegrationOptions } from '../api';
import { Actions, ErrorNotice, StepFrame, messageOf } from '../components';
import { usePage } from '../context';
import { EMPLOYMENT_TYPE_NAMES, FIELD_NAMES } from '../i18n';

export function DoneStep(props: { integration: Integration; system: HrSystem; onActivated: (i: Integration) => void; onBack: () => void; onCredentialsMissing: () => void }) {
  const { api, t, lang } = usePage();
  const i = props.integration;
  const [autoInvite, setAutoInvite] = useState(i.autoInvite);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The legal entities' names (the filter stores the HR system's ids); without them, the ids.
  const [options, setOptions] = useState<IntegrationOptions | null>(null);
  const hasEntityFilter = (i.filters.legalEntityIds ?? []).length > 0;
  useEffect(() => {
    if (hasEntityFilter) api.options(i.id).then(setOptions, () => undefined);
  }, [i.id, hasEntityFilter]);

  const activate = async () => {
    setBusy(true);
    setError(null);
    try {
      if (autoInvite !== i.autoInvite) await api.configure(i.id, { autoInvite });
      await api.activate(i.id);
      props.onActivated(await api.integration(i.id));
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'credentials_missing') return props.onCredentialsMissing();
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };

  const names = (keys: readonly string[]) => keys.map((k) => FIELD_NAMES[lang][k] ?? k).join(', ');
  const filters = [
    ...(i.filters.legalEntityIds ?? []).map((id) => options?.legalEntities.find((le) => le.id === id)?.name ?? id),
    ...(i.filters.employmentTypes ?? []).map((type) => EMPLOYMENT_TYPE_NAMES[lang][type] ?? type),
    ...Object.entries(i.filters.attributes ?? {}).map(([k, v]) => `${k} = ${String(v)}`),
  ];
  return (
    <StepFrame step="done" number={6} title={t('doneTitle')} intro={t('doneIntro')}>
      <dl class="summary">
        <dt>{t('summarySystem')}</dt>
        <dd>{props.system.name}</dd>
        <dt>{t('summaryFields')}</dt>
        <dd>{names(i.fields)}</dd>
        <dt>{t('summaryMapping')}</dt>
        <dd>{Object.keys(i.mapping).length ? Object.entries(i.mapping).map(([f, a]) => `${FIELD_NAMES[lang][f] ?? f} → ${a}`).join(', ') : t('none')}</dd>
        <dt>{t('summaryFilters')}</dt>
        <dd>{filters.length ? filters.join(', ') : t('none')}</dd>
      </dl>
      <div class="check">
        <label>
          <input type="checkbox" checked={autoInvite} onChange={(e) => setAutoInvite(e.currentTarget.checked)} />
          <span>{t('autoInvite')}</span>
        </label>
      </div>
      <ErrorNotice error={error} />
      <Actions>
        <button type="button" onClick={props.onBack}>
          {t('back')}
        </button>
        <button type="button" class="primary" onClick={() => void activate()} disabled={busy}>
          {busy ? t('activating') : t('activate')}
        </button>
      </Actions>
    </StepFrame>
  );
}
