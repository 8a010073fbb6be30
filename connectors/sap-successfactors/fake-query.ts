// The OData v2 query options the fake understands on /User: the $filter forms a client of employee
// data sends (a status condition, lastModifiedDateTime conditions on User, empInfo and
// empInfo/jobInfoNav), $select and $expand. Anything else is a 400, as an unknown property is on
// SuccessFactors; the fake does not pretend to understand a filter it cannot apply.
import { edmMillis, type Row } from './fake-data';

export interface UserFilter {
  statuses: readonly string[];
  /** Paths compared with `ge datetimeoffset'…'`, any of which must match (an `or` group). */
  changedSince: { paths: string[]; ms: number } | null;
}

class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Without a status condition the User entity lists only active users, t and T (KBA 2736579). */
const IMPLICIT_STATUSES = ['t', 'T'];
const CHANGE_PATHS = ['lastModifiedDateTime', 'empInfo/lastModifiedDateTime', 'empInfo/jobInfoNav/lastModifiedDateTime'];

/** Splits at a keyword outside parentheses and quotes. */
function splitTop(text: string, keyword: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && text.startsWith(` ${keyword} `, i)) {
      parts.push(text.slice(start, i));
      start = i + keyword.length + 2;
      i = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

export function parseUserFilter(raw: string | null): UserFilter {
  const filter: { statuses: string[] | null; changedSince: UserFilter['changedSince'] } = { statuses: null, changedSince: null };
  if (raw !== null && raw.trim() !== '') {
    for (const clause of splitTop(raw.trim(), 'and')) {
      const status = /^status\s+(?:in\s+((?:'[^']*'\s*,\s*)*'[^']*')|eq\s+'([^']*)')$/.exec(clause);
      if (status) {
        filter.statuses = status[1] ? [...status[1].matchAll(/'([^']*)'/g)].map((m) => m[1]) : [status[2]];
        continue;
      }
      const group = /^\((.*)\)$/.exec(clause)?.[1] ?? clause;
      const changes = splitTop(group, 'or').map((c) => /^([\w/]+)\s+ge\s+datetimeoffset'([^']+)'$/.exec(c));
      if (changes.some((m) => m === null || !CHANGE_PATHS.includes(m[1]))) throw new QueryError('COE_GENERAL_BAD_REQUEST', `[COE0002]The fake cannot apply the filter condition: ${clause}`);
      const times = changes.map((m) => Date.parse(m![2]));
      if (times.some((t) => Number.isNaN(t)) || new Set(times).size !== 1) throw new QueryError('COE_GENERAL_BAD_REQUEST', `[COE0002]Invalid datetimeoffset in: ${clause}`);
      filter.changedSince = { paths: changes.map((m) => m![1]), ms: times[0] };
    }
  }
  return { statuses: filter.statuses ?? IMPLICIT_STATUSES, changedSince: filter.changedSince };
}

const jobsOf = (user: Row): Row[] => (((user.empInfo as Row | null)?.jobInfoNav as { results?: Row[] } | undefined)?.results ?? []);

export function applyFilter(filter: UserFilter, user: Row): boolean {
  if (!filter.statuses.includes(String(user.status))) return false;
  if (!filter.changedSince) return true;
  const { ms, paths } = filter.changedSince;
  const employment = user.empInfo as Row | null;
  return paths.some((path) => {
    if (path === 'lastModifiedDateTime') return edmMillis(user.lastModifiedDateTime) >= ms;
    if (path === 'empInfo/lastModifiedDateTime') return employment !== null && edmMillis(employment?.lastModifiedDateTime) >= ms;
    return jobsOf(user).some((job) => edmMillis(job.lastModifiedDateTime) >= ms);
  });
}

interface Level {
  expanded: boolean;
  /** null: every property ($select not given). */
  fields: Set<string> | null;
}

export interface Selection {
  user: Level;
  empInfo: Level;
  jobInfoNav: Level;
}

export function selection(select: string | null, expand: string | null, known: { User: string[]; custom: string[]; empInfo: string[]; jobInfoNav: string[] }): Selection {
  const expands = new Set((expand ?? '').split(',').map((e) => e.trim()).filter(Boolean));
  for (const e of expands) if (e !== 'empInfo' && e !== 'empInfo/jobInfoNav') throw new QueryError('COE_PROPERTY_NOT_FOUND', `[COE0021]Invalid navigation property: User/${e}`);
  const sel: Selection = {
    user: { expanded: true, fields: select ? new Set() : null },
    empInfo: { expanded: expands.has('empInfo') || expands.has('empInfo/jobInfoNav'), fields: select ? new Set() : null },
    jobInfoNav: { expanded: expands.has('empInfo/jobInfoNav'), fields: select ? new Set() : null },
  };
  for (const path of select ? select.split(',').map((s) => s.trim()).filter(Boolean) : []) {
    const parts = path.split('/');
    const [level, allowed, name] =
      parts.length === 1 ? [sel.user, [...known.User, ...known.custom], parts[0]] : parts.length === 2 && parts[0] === 'empInfo' ? [sel.empInfo, known.empInfo, parts[1]] : parts.length === 3 && parts[0] === 'empInfo' && parts[1] === 'jobInfoNav' ? [sel.jobInfoNav, known.jobInfoNav, parts[2]] : [null, [], path];
    if (!level || !allowed.includes(name)) throw new QueryError('COE_PROPERTY_NOT_FOUND', `[COE0021]Invalid property names: User/${path}. Please check the property names in the $select.`);
    if (!level.expanded) throw new QueryError('COE_GENERAL_BAD_REQUEST', `[COE0018]${path} is selected but ${parts.slice(0, -1).join('/')} is not expanded.`);
    level.fields!.add(name);
  }
  return sel;
}

const pick = (row: Row, fields: Set<string> | null, navs: string[]): Row => Object.fromEntries(Object.entries(row).filter(([k]) => !navs.includes(k) && (fields === null || fields.has(k))));

/** Renders a stored User as the answer shows it: selected properties, expanded or deferred navigations. */
export function project(sel: Selection, base: string): (user: Row) => Row {
  return (user) => {
    const uri = `${base}/User('${String(user.userId)}')`;
    const out: Row = { __metadata: { uri, type: 'SFOData.User' }, ...pick(user, sel.user.fields, ['empInfo']) };
    if (!sel.empInfo.expanded) {
      if (sel.user.fields === null) out.empInfo = { __deferred: { uri: `${uri}/empInfo` } };
      return out;
    }
    const employment = user.empInfo as Row | null;
    if (!employment) {
      out.empInfo = null;
      return out;
    }
    const emp: Row = { __metadata: { type: 'SFOData.EmpEmployment' }, ...pick(employment, sel.empInfo.fields, ['jobInfoNav']) };
    if (sel.jobInfoNav.expanded) emp.jobInfoNav = { results: jobsOf(user).map((job) => ({ __metadata: { type: 'SFOData.EmpJob' }, ...pick(job, sel.jobInfoNav.fields, []) })) };
    else if (sel.empInfo.fields === null) emp.jobInfoNav = { __deferred: { uri: `${uri}/empInfo/jobInfoNav` } };
    out.empInfo = emp;
    return out;
  };
}
