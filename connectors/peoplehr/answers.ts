// PeopleHR answers every call with HTTP 200 and says in the body whether it worked:
// { IsError: "true" | "false" (a boolean in some clients), Status: 0…10, Message, Result }. Status codes
// from PeopleHR's API description: 0 processed, 2 invalid API key, 5 API key does not exist / no access
// on the employee schema, 4 invalid action, 6 something went wrong, 7–9 request JSON, 10 no record found.
// Going over 30 calls a minute returns "an exception message" (its text is not published).
import type { HttpResponse } from '../http';

export interface PeopleHrAnswer {
  isError: boolean;
  status: number | null;
  message: string | null;
  result: unknown;
}

/** Reads IsError / Status / Message / Result whatever the case of the keys; null when the body is no such answer. */
export function readAnswer(body: unknown): PeopleHrAnswer | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const fields = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v]));
  if (!fields.has('iserror') && !fields.has('result')) return null;
  const flag = fields.get('iserror');
  const status = fields.get('status');
  const message = fields.get('message');
  return {
    isError: flag === true || (typeof flag === 'string' && flag.trim().toLowerCase() === 'true'),
    status: typeof status === 'number' ? status : typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : null,
    message: typeof message === 'string' && message.trim() !== '' ? message.trim() : null,
    result: fields.get('result'),
  };
}

const THROTTLE = /rate limit|too many|calls? (a|per) minute|limit (has been )?exceeded|exceeded/i;
const KEY_REFUSAL = /api ?key|unauthori[sz]ed|no access/i;

/** An error answer that means "slow down" (the 30-a-minute limit). */
export function isThrottled(answer: PeopleHrAnswer | null): boolean {
  return !!answer?.isError && !!answer.message && THROTTLE.test(answer.message);
}

/** An error answer that refuses the key: Status 2 or 5 about the key or its access, or such a message. */
export function isKeyRefusal(answer: PeopleHrAnswer | null): boolean {
  if (!answer?.isError || isThrottled(answer)) return false;
  return ((answer.status === 2 || answer.status === 5) && (!answer.message || KEY_REFUSAL.test(answer.message))) || (!!answer.message && /invalid api key|api key does not exist/i.test(answer.message));
}

/** "No record found" (Status 10): PeopleHR's way of saying the list is empty. */
export function isNoRecord(answer: PeopleHrAnswer | null): boolean {
  return !!answer?.isError && answer.status === 10 && (!answer.message || /no record/i.test(answer.message));
}

export function peopleHrMessage(res: HttpResponse): string | null {
  const answer = readAnswer(res.body);
  if (!answer?.message) return null;
  return answer.status === null ? answer.message : `${answer.message} (status ${answer.status})`;
}
