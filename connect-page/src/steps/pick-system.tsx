// Step 1: the catalog, searchable; planned systems are listed, marked, and cannot be chosen.
import { useMemo, useState } from 'preact/hooks';
import type { HrSystem } from '../api';
import { Actions, ErrorNotice, StepFrame } from '../components';
import { usePage } from '../context';

const normalized = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function PickSystemStep(props: { initial: string | null; busy: boolean; error: string | null; onPick: (system: HrSystem) => void }) {
  const { t, catalog } = usePage();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(props.initial);
  const [missing, setMissing] = useState(false);
  const shown = useMemo(() => catalog.filter((s) => normalized(s.name).includes(normalized(query.trim())) || s.id.includes(normalized(query.trim()))), [catalog, query]);

  const submit = (e: Event) => {
    e.preventDefault();
    const system = catalog.find((s) => s.id === chosen && s.status === 'available');
    setMissing(!system);
    if (system) props.onPick(system);
  };

  return (
    <StepFrame step="pick-system" number={1} title={t('pickTitle')} intro={t('pickIntro')}>
      <form onSubmit={submit} noValidate>
        <label class="field">
          <span>{t('search')}</span>
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autoComplete="off" />
        </label>
        <p class="hint" role="status">
          {shown.length === 0 ? t('nothingFound') : shown.length === 1 ? t('systemFound') : t('systemsFound', { n: shown.length })}
        </p>
        <fieldset class="systems">
          <legend>{t('hrSystem')}</legend>
          {shown.map((s) => (
            <label key={s.id} class={s.status === 'planned' ? 'system planned' : 'system'}>
              <input type="radio" name="hr-system" value={s.id} checked={chosen === s.id} disabled={s.status === 'planned'} onChange={() => setChosen(s.id)} />
              <span>{s.name}</span>
              {s.status === 'planned' && <span class="badge">{t('planned')}</span>}
            </label>
          ))}
        </fieldset>
        <ErrorNotice error={missing ? t('pickFirst') : props.error} />
        <Actions>
          <button type="submit" class="primary" disabled={props.busy}>
            {t('continue')}
          </button>
        </Actions>
      </form>
    </StepFrame>
  );
}
