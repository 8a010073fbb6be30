// Step 2: the data the product reads, grouped by area; required items fixed, optional ones deselectable.
import { useState } from 'preact/hooks';
import type { FieldKey, HrSystem, Integration } from '../api';
import { ErrorNotice, StepButtons, StepFrame, messageOf, toggled } from '../components';
import { usePage } from '../context';
import { AREA_NAMES, FIELD_NAMES } from '../i18n';

export function FieldsStep(props: { integration: Integration; system: HrSystem; editing: boolean; onSaved: (i: Integration) => void; onBack: () => void }) {
  const { api, t, lang, announce } = usePage();
  const [selected, setSelected] = useState<Set<string>>(new Set(props.integration.fields));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const areas = [...new Set(props.system.fields.map((f) => f.area))];

  const toggle = (key: string, on: boolean) => setSelected(toggled(selected, key, on));

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const fields = props.system.fields.filter((f) => f.required || selected.has(f.key)).map((f) => f.key as FieldKey);
      const saved = await api.configure(props.integration.id, { fields });
      if (props.editing) announce(t('saved'));
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <StepFrame step="fields" number={props.editing ? undefined : 2} title={t('fieldsTitle')} intro={t('fieldsIntro')}>
      <form onSubmit={submit} noValidate>
        {areas.map((area) => (
          <fieldset key={area} class="group">
            <legend>{AREA_NAMES[lang][area] ?? area}</legend>
            {props.system.fields
              .filter((f) => f.area === area)
              .map((f) => {
                const hintId = `field-hint-${f.key}`;
                return (
                  <div key={f.key} class="check">
                    <label>
                      <input type="checkbox" name={f.key} checked={f.required || selected.has(f.key)} disabled={f.required} aria-describedby={hintId} onChange={(e) => toggle(f.key, e.currentTarget.checked)} />
                      <span>{FIELD_NAMES[lang][f.key] ?? f.key}</span>
                      <span class="tag">{f.required ? t('required') : t('optional')}</span>
                    </label>
                    <p id={hintId} class="hint">
                      {lang === 'en' ? f.description : ''}
                      {!f.offeredByHrSystem && <> {t('needsMapping')}</>}
                    </p>
                  </div>
                );
              })}
          </fieldset>
        ))}
        <ErrorNotice error={error} />
        <StepButtons editing={props.editing} busy={busy} onBack={props.onBack} />
      </form>
    </StepFrame>
  );
}
