// Reading and writing Workday's SOAP XML with the maintained parser (fast-xml-parser), never with
// regular expressions. Parsed trees drop namespace prefixes (`wd:Worker` → `Worker`, `wd:type` →
// `@_type`), keep every value as text (IDs like "0012" stay as written) and put repeated elements in
// arrays; `children` reads one or many alike.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
export const WORKDAY_NS = 'urn:com.workday/bsvc';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** The document as a tree, or null when the text is not well-formed XML (a body cut short, an HTML page). */
export function parseXml(text: string): XmlNode | null {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) return null;
  const doc: unknown = parser.parse(text);
  return isNode(doc) ? doc : null;
}

/** XML text of a tree written with prefixed names (`wd:Worker`) and `@_` attributes. */
export function buildXml(tree: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(tree) as string}`;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every child element of that name (none, one or many). */
export function children(node: unknown, name: string): unknown[] {
  if (!isNode(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first child element of that name. */
export function child(node: unknown, name: string): unknown {
  return children(node, name)[0];
}

/** Follows a chain of first children. */
export function at(node: unknown, ...names: string[]): unknown {
  return names.reduce<unknown>((current, name) => child(current, name), node);
}

/** An element's text (with or without attributes); null when empty or absent; undefined when it has child elements instead. */
export function textIn(node: unknown): string | null | undefined {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node.trim() === '' ? null : node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (!isNode(node)) return undefined;
  const text = node['#text'];
  if (text !== undefined) return textIn(text);
  return Object.keys(node).some((k) => !k.startsWith('@_')) ? undefined : null;
}

export function attrOf(node: unknown, name: string): string | null {
  if (!isNode(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The `ID` of a Workday reference element with that `type` (WID, Employee_ID, Organization_Reference_ID, …). */
export function idOfType(reference: unknown, type: string): string | null {
  for (const id of children(reference, 'ID')) if (attrOf(id, 'type') === type) return textIn(id) ?? null;
  return null;
}

/** Workday booleans: 1/0 (as Workday writes them) or true/false; null when absent; undefined when neither. */
export function xmlBoolean(node: unknown): boolean | null | undefined {
  const text = textIn(node);
  if (text === null) return null;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return undefined;
}
