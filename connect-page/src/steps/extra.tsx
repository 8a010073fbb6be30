// Step 4: the HR attributes behind data the product cannot guess, above all the number of children;
// "Re-sync attributes" re-reads the HR system's list (a custom attribute created meanwhile).
import { useEffect, useState } from 'preact/hooks';
import type { HrSystem, Integration, IntegrationOptions, IntegrationPatch } from '../api';
import { Actions, ErrorNotice, StepButtons, StepFrame, messageOf } from '../components';
import { usePage } from '../context';
import { FIELD_NAMES } from '../i18n';

// The product fields an admin may map (api/schemas/integration.ts mappingSchema), children first.
const MAPPABLE = ['numberOfChildren', 'maritalStatus', 'employmentType', 'personnelNumber'] as const;

export function ExtraStep(props: { integration: Integration; system: HrSystem; editing: boolean; onSaved: (i: Integration) => void; onBack: () => void }) {
  const { api, t, lang, announce } = usePage();
  const system = props.system.name;
  const [options, setOptions] = useState<IntegrationOptions | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({ ...props.integration.mapping });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mappable = MAPPABLE.filter((f) => props.integration.fields.includes(f));

  const read = async (refresh: boolean) => {
    setBusy(true);
    setError(null);
    if (refresh) announce(t('readingAttributes', { system }));
    try {
      const answer = refresh ? await api.refreshOptions(props.integration.id) : await api.options(props.integration.id);
      setOptions(answer);
      if (refresh) announce(t('attributesRead', { n: answer.attributes.length, system }));
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void read(false), [props.integration.id]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const patch: NonNullable<IntegrationPatch['mapping']> = {};
      for (const field of MAPPABLE) {
        const was = props.integration.mapping[field];
        const now = mapping[field] || undefined;
        if (now !== was) patch[field] = now ?? null;
      }
      const saved = Object.keys(patch).length ? await api.configure(props.integration.id, { mapping: patch }) : props.integration;
      if (props.editing) announce(t('saved'));
      props.onSaved(saved);
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };

  const offered = (field: string) => props.system.fields.find((f) => f.key === field)?.offeredByHrSystem ?? false;
  return (
    <StepFrame step="extra" number={props.editing ? undefined : 4} title={t('extraTitle')} intro={t('extraIntro', { system })}>
      <form onSubmit={submit} noValidate>
        {mappable.length === 0 && <p>{t('nothingToMap')}</p>}
        {mappable.map((field) => (
          <div key={field} class="field">
            <label for={`mapping-${field}`}>{FIELD_NAMES[lang][field]}</label>
            <select id={`mapping-${field}`} name={field} value={mapping[field] ?? ''} disabled={!options} onChange={(e) => setMapping({ ...mapping, [field]: e.currentTarget.value })}>
              <option value="">{offered(field) ? t('standardField') : t('noMapping')}</option>
              {mapping[field] && !options?.attributes.some((a) => a.key === mapping[field]) && <option value={mapping[field]}>{mapping[field]}</option>}
              {options?.attributes.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.label === a.key ? a.key : `${a.label} (${a.key})`}
                </option>
              ))}
            </select>
          </div>
        ))}
        <p class="hint">{t('resyncHelp', { system })}</p>
        <Actions>
          <button type="button" onClick={() => void read(true)} disabled={busy}>
            {t('resyncAttributes')}
          </button>
        </Actions>
        <ErrorNotice error={error} />
        <StepButtons editing={props.editing} busy={busy} onBack={props.onBack} />
      </form>
    </StepFrame>
  );
}
