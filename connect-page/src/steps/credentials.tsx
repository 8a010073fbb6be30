// Step 3: the credentials form generated from the HR system's schema; checked live by the API, the
// vendor's refusal shown in its own words. An HR file export fed by upload takes its file here too.
import { useMemo, useState } from 'preact/hooks';
import { ApiProblem, type HrSystem, type Integration } from '../api';
import { Actions, ErrorNotice, StepButtons, StepFrame, messageOf } from '../components';
import { usePage } from '../context';
import { credentialFields, credentialsOf, type CredentialField, type CredentialValues } from '../credential-fields';

export function CredentialsStep(props: { integration: Integration; system: HrSystem; editing: boolean; onSaved: (i: Integration) => void; onBack: () => void }) {
  const { api, t, announce } = usePage();
  const system = props.system.name;
  const fields = useMemo(() => credentialFields(props.system.credentials as never), [props.system]);
  const [values, setValues] = useState<CredentialValues>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const [uploadFor, setUploadFor] = useState<Integration | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    announce(t('checking', { system }));
    try {
      const credentials = credentialsOf(fields, values);
      const saved = await api.enterCredentials(props.integration.id, credentials);
      announce(t('credentialsAccepted', { system }));
      if (credentials.source === 'upload') setUploadFor(saved);
      else props.onSaved(saved);
    } catch (err) {
      announce('');
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  };

  const refusal = (err: unknown): { title: string; detail?: string } => {
    if (err instanceof ApiProblem && err.code === 'credentials_rejected') return { title: t('credentialsRefused', { system }), detail: t('credentialsReason', { system, reason: vendorReason(err.message, system) }) };
    if (err instanceof ApiProblem && err.status === 400) return { title: t('credentialsInvalid', { reason: err.message }) };
    if (err instanceof ApiProblem && err.status === 502) return { title: t('unreachable', { system, reason: err.message }) };
    return { title: t('errorTitle'), detail: messageOf(err, t('tryAgain')) };
  };

  if (uploadFor) return <UploadFile integration={uploadFor} onDone={props.onSaved} />;

  const topLevel = fields.filter((f) => !f.group);
  const grouped = fields.filter((f) => f.group);
  return (
    <StepFrame step="credentials" number={props.editing ? undefined : 3} title={t('credentialsTitle', { system })} intro={t('credentialsIntro', { system })}>
      {props.integration.credentialsEntered && <p class="hint">{t('credentialsKept')}</p>}
      <form onSubmit={submit} noValidate autoComplete="off">
        {topLevel.map((f) => (
          <CredentialInput key={f.path} field={f} values={values} onChange={setValues} />
        ))}
        {grouped.length > 0 && (
          <details>
            <summary>
              {t('moreSettings')}: {grouped[0]!.group}
            </summary>
            {grouped.map((f) => (
              <CredentialInput key={f.path} field={f} values={values} onChange={setValues} />
            ))}
          </details>
        )}
        <ErrorNotice error={error?.title ?? null} detail={error?.detail} />
        <StepButtons editing={props.editing} busy={busy} onBack={props.onBack} submitLabel={busy ? t('checking', { system }) : t('checkCredentials')}>
          {props.integration.credentialsEntered && !props.editing && (
            <button type="button" onClick={() => props.onSaved(props.integration)}>
              {t('keepCredentials')}
            </button>
          )}
        </StepButtons>
      </form>
    </StepFrame>
  );
}

/** The vendor's own words: the API's sentence without its "<system> refused the credentials:" opening, which the title says already. */
function vendorReason(message: string, system: string): string {
  const opening = `${system} refused the credentials:`;
  return message.startsWith(opening) ? message.slice(opening.length).trim() : message;
}

function CredentialInput(props: { field: CredentialField; values: CredentialValues; onChange: (v: CredentialValues) => void }) {
  const { t } = usePage();
  const f = props.field;
  const id = `credential-${f.path.replace(/\W/g, '-')}`;
  const set = (value: string | boolean) => props.onChange({ ...props.values, [f.path]: value });
  const text = typeof props.values[f.path] === 'string' ? (props.values[f.path] as string) : '';
  const label = (
    <>
      {f.label}
      {!f.required && <span class="tag"> ({t('optional')})</span>}
    </>
  );
  if (f.control === 'checkbox') {
    return (
      <div class="check">
        <label>
          <input id={id} type="checkbox" name={f.path} checked={props.values[f.path] === true} onChange={(e) => set(e.currentTarget.checked)} />
          <span>{label}</span>
        </label>
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {f.control === 'select' ? (
        <select id={id} name={f.path} value={text} required={f.required} onChange={(e) => set(e.currentTarget.value)}>
          <option value="">—</option>
          {f.options!.map((o) => (
            <option key={o} value={o}>
              {o === '\t' ? 'Tab' : o}
            </option>
          ))}
        </select>
      ) : f.control === 'textarea' ? (
        <textarea id={id} name={f.path} rows={4} value={text} required={f.required} spellcheck={false} onInput={(e) => set(e.currentTarget.value)} />
      ) : (
        <input
          id={id}
          name={f.path}
          // One element for three kinds of input (Preact types each kind apart).
          type={(f.control === 'password' ? 'password' : f.control === 'number' ? 'number' : 'text') as 'text'}
          value={text}
          required={f.required}
          placeholder={f.placeholder}
          autoComplete={f.control === 'password' ? 'new-password' : 'off'}
          spellcheck={false}
          aria-describedby={f.control === 'list' ? `${id}-hint` : undefined}
          onInput={(e) => set(e.currentTarget.value)}
        />
      )}
      {f.control === 'list' && (
        <p id={`${id}-hint`} class="hint">
          {t('commaSeparated')}
        </p>
      )}
    </div>
  );
}

function UploadFile(props: { integration: Integration; onDone: (i: Integration) => void }) {
  const { api, t, announce } = usePage();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.uploadFile(props.integration.id, file);
      announce(t('fileUploaded', { rows: answer.file.rowCount }));
      props.onDone(await api.integration(props.integration.id));
    } catch (err) {
      setError(messageOf(err, t('tryAgain')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <StepFrame step="credentials" title={t('uploadTitle')}>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="hr-file">{t('hrFile')}</label>
          <input id="hr-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <ErrorNotice error={error} />
        <Actions>
          <button type="submit" class="primary" disabled={busy || !file}>
            {t('uploadFile')}
          </button>
        </Actions>
      </form>
    </StepFrame>
  );
}
