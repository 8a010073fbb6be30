// The credentials form, generated from the HR system's credentials JSON Schema (GET /v1/hr-systems):
// one control per property (secret ones, marked writeOnly, as password inputs), and the answer
// turned back into the JSON the API checks. Pure: no DOM, so the mapping is easy to follow.
type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  default?: unknown;
  writeOnly?: boolean;
  description?: string;
};

export type CredentialControl = 'text' | 'password' | 'textarea' | 'number' | 'checkbox' | 'select' | 'list';

export interface CredentialField {
  /** Path in the credentials object: "apiKey", or "columns.email" for a nested one. */
  path: string;
  label: string;
  control: CredentialControl;
  required: boolean;
  secret: boolean;
  options?: string[];
  placeholder?: string;
  /** Set for a nested object's fields: the object's own label (they are shown together). */
  group?: string;
}

// Acronyms and words a split camelCase name would spell wrongly.
const WORDS: Record<string, string> = { api: 'API', id: 'ID', url: 'URL', sftp: 'SFTP', sha256: 'SHA-256', json: 'JSON', isu: 'ISU', jwt: 'JWT' };

export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

function controlOf(key: string, schema: JsonSchema): CredentialControl {
  if (schema.enum) return 'select';
  const variants = schema.anyOf ?? schema.oneOf;
  // A value that may be text or an object (a downloaded JSON key file): pasted as text.
  if (variants) return 'textarea';
  const type = typeOf(schema);
  if (type === 'boolean') return 'checkbox';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'array') return 'list';
  if (/privateKey|pem$/i.test(key)) return 'textarea';
  return schema.writeOnly ? 'password' : 'text';
}

export function credentialFields(schema: JsonSchema): CredentialField[] {
  const fields: CredentialField[] = [];
  const required = new Set(schema.required ?? []);
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (typeOf(property) === 'object' && property.properties) {
      for (const [inner, innerSchema] of Object.entries(property.properties)) {
        fields.push({ ...fieldOf(inner, innerSchema, new Set(property.required ?? [])), path: `${key}.${inner}`, group: labelOf(key) });
      }
      continue;
    }
    fields.push(fieldOf(key, property, required));
  }
  // Required first, in the schema's order: what the admin must enter comes before the fine-tuning.
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

function fieldOf(key: string, schema: JsonSchema, required: Set<string>): CredentialField {
  const control = controlOf(key, schema);
  return {
    path: key,
    label: labelOf(key),
    control,
    required: required.has(key),
    secret: Boolean(schema.writeOnly),
    ...(control === 'select' ? { options: (schema.enum ?? []).map(String) } : {}),
    ...(schema.default !== undefined && control !== 'checkbox' ? { placeholder: String(Array.isArray(schema.default) ? schema.default.join(', ') : schema.default) } : {}),
  };
}

export type CredentialValues = Record<string, string | boolean>;

/** The credentials object the API takes: empty optional values left out, numbers and lists parsed. */
export function credentialsOf(fields: readonly CredentialField[], values: CredentialValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.path];
    let value: unknown;
    if (field.control === 'checkbox') {
      if (raw === undefined) continue;
      value = raw === true;
    } else {
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text === '') continue;
      if (field.control === 'number') value = Number(text);
      else if (field.control === 'list') value = text.split(',').map((v) => v.trim()).filter(Boolean);
      else if (field.control === 'textarea' && text.startsWith('{')) value = parsedOrText(text);
      else value = text;
    }
    const [head, inner] = field.path.split('.') as [string, string | undefined];
    if (inner === undefined) out[head] = value;
    else out[head] = { ...((out[head] as Record<string, unknown>) ?? {}), [inner]: value };
  }
  return out;
}

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
