// Step 5: which employees are synchronised: legal entities, employment types, any attribute. The
// API counts matches only when a sync runs, so the step says so (or shows the last sync's counts).
import { useEffect, useState } from 'preact/hooks';
import type { Filters, HrSystem, Integration, IntegrationOptions } from '../api';
import { ErrorNotice, StepButtons, StepFrame, messageOf, toggled } from '../components';
import { usePage } from '../context';
import { EMPLOYMENT_TYPE_NAMES, FIELD_NAMES } from '../i18n';

type AttributeRow = { key: string; value: string };
type EmploymentType = NonNullable<Filters['employmentTypes']>[number];

export function FiltersStep(props: { integration: Integration; system: HrSystem; editing: boolean; onSaved: (i: Integration) => void; onBack: () => void }) {
  const { api, t, lang, announce } = usePage();
  const current = props.integration.filters;
  const [options, setOptions] = useState<IntegrationOptions | null>(null);
  const [entities, setEntities] = useState<Set<string>>(new Set(current.legalEntityIds ?? []));
  const [types, setTypes] = useState<Set<string>>(new Set(current.employmentTypes ?? []));
  const [rows, setRows] = useState<AttributeRow[]>(Object.entries(current.attributes ?? {}).map(([key, value]) => ({ key, value: String(value) })));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fields = props.integration.fields;

  useEffect(() => {
    api.options(props.integration.id).then(setOptions, (err: unknown) => setError(messageOf(err, t('tryAgain'))));
  }, [props.integration.id]);

  const toggle = (set: Set<string>, update: (s: Set<string>) => void, value: string, on: boolean) => update(toggled(set, value, on));

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const filters: Filters = {};
      if (fields.includes('legalEntity') && entities.size) filters.legalEntityIds = [...entities];
      if (fields.includes('employmentType') && types.size) filters.employmentTypes = [...types] as EmploymentType[];
      const attributes = Object.fromEntries(rows.filter((r) => r.key && r.value.trim() !== '').map((r) => [r.key, r.value.trim()]));
      if (Object.keys(attributes).length) filters.attributes = attributes;
      const saved = await api.configure(props.integration.id, { filters });
      if (props.editing) announce(t('saved'));
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };

  const last = props.integration.lastSync;
  return (
    <StepFrame step="filters" number={props.editing ? undefined : 5} title={t('filtersTitle')} intro={t('filtersIntro')}>
      <form onSubmit={submit} noValidate>
        <fieldset class="group">
          <legend>{t('legalEntities')}</legend>
          {!fields.includes('legalEntity') ? (
            <p class="hint">{t('filterNeedsField', { field: FIELD_NAMES[lang].legalEntity! })}</p>
          ) : options?.legalEntities.length === 0 ? (
            <p class="hint">{t('none')}</p>
          ) : (
            options?.legalEntities.map((le) => (
              <div key={le.id} class="check">
                <label>
                  <input type="checkbox" checked={entities.has(le.id)} onChange={(e) => toggle(entities, setEntities, le.id, e.currentTarget.checked)} />
                  <span>{le.name}</span>
                </label>
              </div>
            ))
          )}
        </fieldset>
        <fieldset class="group">
          <legend>{t('employmentTypes')}</legend>
          {!fields.includes('employmentType') ? (
            <p class="hint">{t('filterNeedsField', { field: FIELD_NAMES[lang].employmentType! })}</p>
          ) : options?.employmentTypes.length === 0 ? (
            <p class="hint">{t('none')}</p>
          ) : (
            options?.employmentTypes.map((type) => (
              <div key={type} class="check">
                <label>
                  <input type="checkbox" checked={types.has(type)} onChange={(e) => toggle(types, setTypes, type, e.currentTarget.checked)} />
                  <span>{EMPLOYMENT_TYPE_NAMES[lang][type] ?? type}</span>
                </label>
              </div>
            ))
          )}
        </fieldset>
        <fieldset class="group">
          <legend>{t('attributeFilters')}</legend>
          {rows.map((row, i) => (
            <div key={i} class="filter-row">
              <div class="field">
                <label for={`filter-attribute-${i}`}>
                  {t('attributeFilter')} {i + 1}
                </label>
                <select id={`filter-attribute-${i}`} value={row.key} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, key: e.currentTarget.value } : r)))}>
                  <option value="">—</option>
                  {row.key && !options?.attributes.some((a) => a.key === row.key) && <option value={row.key}>{row.key}</option>}
                  {options?.attributes.map((a) => (
                    <option key={a.key} value={a.key}>
                      {a.label === a.key ? a.key : `${a.label} (${a.key})`}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for={`filter-value-${i}`}>
                  {t('attributeValue')} {i + 1}
                </label>
                <input id={`filter-value-${i}`} type="text" value={row.value} onInput={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, value: e.currentTarget.value } : r)))} />
              </div>
              <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('removeAttributeFilter', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setRows([...rows, { key: '', value: '' }])}>
            {t('addAttributeFilter')}
          </button>
        </fieldset>
        <p class="hint count">{last ? t('countLast', { read: last.counts.read, filteredOut: last.counts.filteredOut }) : t('countUnknown')}</p>
        <ErrorNotice error={error} />
        <StepButtons editing={props.editing} busy={busy} onBack={props.onBack} />
      </form>
    </StepFrame>
  );
}
