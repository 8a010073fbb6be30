// Reads the parts of schema.prisma the schema/migration agreement test compares: tables, columns,
// nullability and unique constraints. Handles the constructs this project's schema uses.
import fs from 'node:fs';

export interface ExpectedColumn {
  column: string;
  nullable: boolean;
}

export interface ExpectedTable {
  model: string;
  table: string;
  columns: ExpectedColumn[];
  /** Each unique constraint as its sorted column names (primary keys excluded). */
  uniques: string[][];
}

export function readPrismaSchema(file: string): ExpectedTable[] {
  const text = fs.readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const models = new Set([...text.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const tables: ExpectedTable[] = [];
  for (const match of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model, body] = match as unknown as [string, string, string];
    const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
    const fieldToColumn = new Map<string, string>();
    const columns: ExpectedColumn[] = [];
    const uniques: string[][] = [];
    for (const line of lines) {
      if (line.startsWith('@@')) continue;
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!m) continue;
      const [, field, type, list, optional, attributes] = m as unknown as [string, string, string, string | undefined, string | undefined, string];
      if (models.has(type)) continue; // relation field: no column of its own
      const column = /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? field;
      fieldToColumn.set(field, column);
      // Prisma creates scalar lists as nullable arrays.
      columns.push({ column, nullable: Boolean(optional) || Boolean(list) });
      if (/@unique\b/.test(attributes)) uniques.push([column]);
    }
    for (const u of body.matchAll(/@@unique\(\[([^\]]+)\]/g)) {
      uniques.push(
        u[1]!
          .split(',')
          .map((f) => fieldToColumn.get(f.trim()) ?? f.trim())
          .sort(),
      );
    }
    tables.push({ model, table, columns, uniques });
  }
  return tables;
}
