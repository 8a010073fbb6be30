// Instead of the flow: no link, an expired, revoked or unknown one, or the product unreachable.
import { StepFrame } from './components';
import { usePage } from './context';

export type MessageReason = 'no-link' | 'expired' | 'revoked' | 'invalid' | 'network';

const TEXTS = {
  'no-link': ['noLinkTitle', 'noLinkText'],
  expired: ['expiredTitle', 'expiredText'],
  revoked: ['revokedTitle', 'revokedText'],
  invalid: ['invalidTitle', 'invalidText'],
  network: ['networkTitle', 'networkText'],
} as const;

export function MessagePage(props: { reason: MessageReason }) {
  const { t } = usePage();
  const [title, text] = TEXTS[props.reason];
  return (
    <div class="message" data-message={props.reason} role="alert">
      <StepFrame step="message" title={t(title)} intro={t(text)}>
        {null}
      </StepFrame>
    </div>
  );
}
