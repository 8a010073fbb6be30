// Building blocks shared by the steps: the step frame (heading that takes focus, data-step for
// tests), the error notice read out by screen readers, and the buttons row.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem } from './api';
import { usePage } from './context';

export type StepName = 'message' | 'pick-system' | 'fields' | 'credentials' | 'extra' | 'filters' | 'done' | 'integration';

export function StepFrame(props: { step: StepName; title: string; number?: number; intro?: string; children: ComponentChildren }) {
  const { t } = usePage();
  const heading = useRef<HTMLHeadingElement>(null);
  // A new step: keyboard and screen-reader users start at its heading, not at the old focus.
  useEffect(() => heading.current?.focus(), [props.step]);
  const id = `step-${props.step}-title`;
  return (
    <section class="step" data-step={props.step} aria-labelledby={id}>
      {props.number !== undefined && <p class="step-number">{t('stepOf', { n: props.number })}</p>}
      <h2 id={id} tabIndex={-1} ref={heading}>
        {props.title}
      </h2>
      {props.intro && <p class="intro">{props.intro}</p>}
      {props.children}
    </section>
  );
}

/** Always in the page (an empty live region), so a message that appears in it is announced. */
export function ErrorNotice(props: { error: string | null; detail?: string | null }) {
  return (
    <div class={props.error ? 'notice error' : 'notice-empty'} role="alert">
      {props.error && <p class="notice-title">{props.error}</p>}
      {props.error && props.detail && <p>{props.detail}</p>}
    </div>
  );
}

export function Actions(props: { children: ComponentChildren }) {
  return <div class="actions">{props.children}</div>;
}

/**
 * The buttons row that ends a setup step: Back (Cancel when an existing integration's step is edited),
 * any step-specific buttons, then the submit button (Continue, or Save changes when editing).
 */
export function StepButtons(props: { editing?: boolean; busy: boolean; onBack: () => void; submitLabel?: string; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <Actions>
      <button type="button" onClick={props.onBack}>
        {props.editing ? t('cancel') : t('back')}
      </button>
      {props.children}
      <button type="submit" class="primary" disabled={props.busy}>
        {props.submitLabel ?? (props.editing ? t('saveChanges') : t('continue'))}
      </button>
    </Actions>
  );
}

/** A copy of a selection with one value switched on or off (checkbox groups). */
export function toggled(selection: ReadonlySet<string>, value: string, on: boolean): Set<string> {
  const next = new Set(selection);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

/** The API's own sentence for an error, or a general one for a failure that carries none. */
export function messageOf(err: unknown, fallback: string): string {
  if (err instanceof ApiProblem && err.message) return err.message;
  return fallback;
}
