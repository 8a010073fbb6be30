// Workday connector on Workday Web Services (SOAP), Human_Resources service: Get_Workers with
// Exclude_Inactive_Workers=false (terminated workers are listed, with their termination dates),
// paged by Response_Filter Page/Count and ended by Response_Results/Total_Pages. Every page of one
// listing is read as of the same entry moment (As_Of_Entry_DateTime, carried in the cursor), as
// Workday asks for stable pages. Changes: the same request with Transaction_Log_Criteria_Data/
// Transaction_Date_Range_Data, once by Updated_From/Updated_Through, once by Effective_From/
// Effective_Through (changes entered earlier that take effect now). Legal entities: Get_Organizations of
// type COMPANY. Custom attributes: the tenant's Custom ID types (see NOTES.md).
import { mapRecords, utcToday } from '../kit';
import type { AttributeOption, EmployeePage, EmploymentType, HrConnector, LegalEntityOption } from '../types';
import { customIdOption, customIdTypesOf, mapWorker, WORKER_ATTRIBUTES } from './mapping';
import type { WorkdaySoapClient } from './soap-client';
import { attrOf, child, children, idOfType, textIn, type XmlNode } from './xml';

/** Workers asked per page (Workday allows Count 1–999, default 100; whole worker records are large). */
export const WORKDAY_PAGE_COUNT = 200;
/** Organizations asked per page. */
const ORGANIZATION_PAGE_COUNT = 999;

/**
 * The two passes of a change listing, as Microsoft's Workday provisioning reads changes: workers
 * whose data was entered in the window (Updated_From/Updated_Through), then workers with a change
 * that took effect in it (Effective_From/Effective_Through: a termination or hire entered weeks
 * earlier and due now). A complete listing has one pass.
 */
export const CHANGE_PASSES = ['updated', 'effective'] as const;
export type ChangePass = (typeof CHANGE_PASSES)[number];

/** Where a listing is: the pass (change listings), the page to read, the entry moment every page is read as of. */
export interface WorkdayCursor {
  pass?: ChangePass;
  page: number;
  asOf: string;
}

const CURSOR = /^(?:(updated|effective):)?(\d+)\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/;

export function readWorkdayCursor(cursor: string | null, now: () => Date = () => new Date()): WorkdayCursor {
  if (cursor === null || cursor === '') return { page: 1, asOf: now().toISOString() };
  const match = CURSOR.exec(cursor);
  if (!match || Number(match[2]) < 1) throw new Error(`Not a Workday listing cursor: "${cursor}"`);
  return { ...(match[1] ? { pass: match[1] as ChangePass } : {}), page: Number(match[2]), asOf: match[3] };
}

export const workdayCursor = (c: WorkdayCursor): string => `${c.pass ? `${c.pass}:` : ''}${c.page}|${c.asOf}`;

/** A change window: entries (updated) or effective moments (effective) from … through …. */
export interface ChangeWindow {
  pass: ChangePass;
  from: string;
  through: string;
}

const RESPONSE_GROUP: XmlNode = {
  'bsvc:Include_Reference': 'true',
  'bsvc:Include_Personal_Information': 'true',
  'bsvc:Include_Employment_Information': 'true',
  'bsvc:Include_Organizations': 'true',
  'bsvc:Exclude_Organization_Support_Role_Data': 'true',
  'bsvc:Exclude_Location_Hierarchies': 'true',
  'bsvc:Exclude_Cost_Center_Hierarchies': 'true',
  'bsvc:Exclude_Company_Hierarchies': 'true',
  'bsvc:Exclude_Matrix_Organizations': 'true',
  'bsvc:Exclude_Pay_Groups': 'true',
  'bsvc:Exclude_Regions': 'true',
  'bsvc:Exclude_Region_Hierarchies': 'true',
};

/** The Get_Workers request: everyone (leavers included), one page as of the cursor's entry moment, optionally only those updated in a range. */
export function getWorkersRequest(at: WorkdayCursor, count: number, changes?: ChangeWindow, responseGroup: XmlNode = RESPONSE_GROUP): XmlNode {
  const range = changes?.pass === 'effective' ? { 'bsvc:Effective_From': changes.from, 'bsvc:Effective_Through': changes.through } : changes ? { 'bsvc:Updated_From': changes.from, 'bsvc:Updated_Through': changes.through } : null;
  return {
    'bsvc:Request_Criteria': {
      ...(range ? { 'bsvc:Transaction_Log_Criteria_Data': { 'bsvc:Transaction_Date_Range_Data': range } } : {}),
      // Workday's default for this flag is not documented: sent explicitly, so terminated workers are listed.
      'bsvc:Exclude_Inactive_Workers': 'false',
    },
    'bsvc:Response_Filter': { 'bsvc:As_Of_Entry_DateTime': at.asOf, 'bsvc:Page': String(at.page), 'bsvc:Count': String(count) },
    'bsvc:Response_Group': responseGroup,
  };
}

const count = (node: unknown): number | undefined => {
  const text = textIn(node);
  if (typeof text !== 'string' || !/^\d+(\.0+)?$/.test(text)) return undefined;
  return Number(text);
};

/**
 * One page of a paged Get_* answer. Total_Pages is required (never guessed), the echoed Page must be
 * the one asked for, and the records must be as many as Page_Results says: anything else would read a
 * shifted or shortened listing as complete.
 */
export function readPage(response: XmlNode, asked: number, recordName: string, unexpected: () => Error): { records: unknown[]; totalPages: number } {
  const results = child(response, 'Response_Results');
  const totalPages = count(child(results, 'Total_Pages'));
  const page = count(child(results, 'Page'));
  const pageResults = count(child(results, 'Page_Results'));
  if (totalPages === undefined) throw unexpected();
  const records = children(child(response, 'Response_Data'), recordName);
  if (totalPages === 0 && records.length > 0) throw unexpected();
  if (totalPages > 0 && page !== asked) throw unexpected();
  if (totalPages > 0 && asked > totalPages) throw unexpected();
  if (pageResults !== undefined && pageResults !== records.length) throw unexpected();
  return { records, totalPages };
}

export class WorkdayConnector implements HrConnector {
  constructor(
    private readonly soap: WorkdaySoapClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One worker reference, as the sync reads: a refused ISU password is a SOAP fault (HTTP 500). */
  async checkCredentials(): Promise<void> {
    const response = await this.soap.call('Get_Workers_Request', getWorkersRequest({ page: 1, asOf: this.now().toISOString() }, 1, undefined, { 'bsvc:Include_Reference': 'true' }));
    readPage(response, 1, 'Worker', () => this.soap.unexpected('the worker list'));
  }

  fetchEmployeePage(cursor: string | null): Promise<EmployeePage> {
    // A complete listing has no passes: a change cursor's pass is not carried over.
    const { page, asOf } = readWorkdayCursor(cursor, this.now);
    return this.workerPage({ page, asOf });
  }

  /**
   * Workers changed since `since` through the first page's moment (carried in the cursor): the
   * updated pass, then the effective pass. Someone in both passes is listed twice (an update, no removal).
   */
  fetchChangedEmployeePage(since: Date, cursor: string | null): Promise<EmployeePage> {
    const at = readWorkdayCursor(cursor, this.now);
    const pass = at.pass ?? 'updated';
    return this.workerPage({ ...at, pass }, { pass, from: since.toISOString(), through: at.asOf });
  }

  private async workerPage(at: WorkdayCursor, changes?: ChangeWindow): Promise<EmployeePage> {
    const response = await this.soap.call('Get_Workers_Request', getWorkersRequest(at, WORKDAY_PAGE_COUNT, changes));
    const { records, totalPages } = readPage(response, at.page, 'Worker', () => this.soap.unexpected('the worker list'));
    const today = utcToday(this.now());
    const page = mapRecords(records, (record) => mapWorker(record, today));
    return { ...page, nextCursor: this.next(at, totalPages) };
  }

  /** The next page of this pass, else the first page of the next change pass, else the end. */
  private next(at: WorkdayCursor, totalPages: number): string | null {
    if (at.page < totalPages) return workdayCursor({ ...at, page: at.page + 1 });
    const following = at.pass ? CHANGE_PASSES[CHANGE_PASSES.indexOf(at.pass) + 1] : undefined;
    return following ? workdayCursor({ pass: following, page: 1, asOf: at.asOf }) : null;
  }

  /** Standard fields plus the Custom ID types found on the first page of workers (read anew on every call). */
  async listAttributes(): Promise<AttributeOption[]> {
    const at = { page: 1, asOf: this.now().toISOString() };
    const response = await this.soap.call('Get_Workers_Request', getWorkersRequest(at, WORKDAY_PAGE_COUNT, undefined, { 'bsvc:Include_Personal_Information': 'true' }));
    const types = new Map<string, string>();
    for (const worker of readPage(response, 1, 'Worker', () => this.soap.unexpected('the worker list')).records) {
      for (const [id, label] of customIdTypesOf(worker)) types.set(id, label);
    }
    return [...WORKER_ATTRIBUTES, ...[...types].map(([id, label]) => customIdOption(id, label))];
  }

  /** The tenant's Company organizations (inactive ones too: a leaver's company stays selectable). */
  async listLegalEntities(): Promise<LegalEntityOption[]> {
    const out = new Map<string, LegalEntityOption>();
    const asOf = this.now().toISOString();
    for (let page = 1, totalPages = 1; page <= totalPages; page++) {
      const response = await this.soap.call('Get_Organizations_Request', {
        'bsvc:Request_Criteria': { 'bsvc:Organization_Type_Reference': { 'bsvc:ID': { '@_bsvc:type': 'Organization_Type_ID', '#text': 'COMPANY' } }, 'bsvc:Include_Inactive': 'true' },
        'bsvc:Response_Filter': { 'bsvc:As_Of_Entry_DateTime': asOf, 'bsvc:Page': String(page), 'bsvc:Count': String(ORGANIZATION_PAGE_COUNT) },
        'bsvc:Response_Group': { 'bsvc:Include_Hierarchy_Data': 'false' },
      });
      const read = readPage(response, page, 'Organization', () => this.soap.unexpected('the organizations'));
      totalPages = read.totalPages;
      for (const organization of read.records) {
        const data = child(organization, 'Organization_Data');
        const reference = child(organization, 'Organization_Reference');
        const id = textIn(child(data, 'Organization_Reference_ID')) ?? textIn(child(data, 'Reference_ID')) ?? idOfType(reference, 'Organization_Reference_ID') ?? idOfType(reference, 'Company_Reference_ID');
        if (!id) continue;
        const name = textIn(child(data, 'Organization_Name')) ?? textIn(child(data, 'Name')) ?? attrOf(reference, 'Descriptor') ?? id;
        out.set(id, { id, name });
      }
    }
    return [...out.values()];
  }

  /** Position time types (full / part time) and contingent workers. */
  async listEmploymentTypes(): Promise<EmploymentType[]> {
    return ['FULL_TIME', 'PART_TIME', 'CONTRACTOR'];
  }
}
