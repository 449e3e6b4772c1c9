/**
 * An immutable catalog snapshot: schemas and relations. Every change returns a new snapshot, so a
 * transaction can work on its own copy and commit by installing it (DDL is transactional, as in
 * Redshift), and a failed statement leaves the snapshot it started from untouched.
 */
import { SqlError, SqlState } from '../types/errors.js';
import type { RelationMeta, SchemaMeta, TableMeta } from './relation.js';

/** The first id handed to user objects (lower ids are the system catalogs'). */
export const FIRST_USER_OID = 100000;

export class Catalog {
  private constructor(
    readonly schemas: ReadonlyMap<string, SchemaMeta>,
    /** Keyed by `schema.name`. */
    readonly relations: ReadonlyMap<string, RelationMeta>,
    readonly nextOid: number,
  ) {}

  static initial(): Catalog {
    const schemas = new Map<string, SchemaMeta>([['public', { id: 2200, name: 'public', owner: 'rdsdb', remarks: 'standard public schema' }]]);
    return new Catalog(schemas, new Map(), FIRST_USER_OID);
  }

  allocateOid(): [number, Catalog] {
    return [this.nextOid, new Catalog(this.schemas, this.relations, this.nextOid + 1)];
  }

  schema(name: string): SchemaMeta | undefined {
    return this.schemas.get(name);
  }

  relation(schema: string, name: string): RelationMeta | undefined {
    return this.relations.get(`${schema}.${name}`);
  }

  /** The relation a name reaches: in its schema when qualified, else the first of that name along `searchPath`. */
  findRelation(schema: string | undefined, name: string, searchPath: readonly string[]): RelationMeta | undefined {
    if (schema !== undefined) return this.relation(schema, name);
    for (const s of searchPath) {
      const r = this.relation(s, name);
      if (r) return r;
    }
    return undefined;
  }

  relationById(id: number): RelationMeta | undefined {
    for (const r of this.relations.values()) if (r.id === id) return r;
    return undefined;
  }

  tables(): TableMeta[] {
    const out: TableMeta[] = [];
    for (const r of this.relations.values()) if (r.kind === 'table') out.push(r);
    return out;
  }

  withSchema(schema: SchemaMeta): Catalog {
    if (this.schemas.has(schema.name)) throw new SqlError(SqlState.duplicateSchema, `schema "${schema.name}" already exists`);
    const schemas = new Map(this.schemas);
    schemas.set(schema.name, schema);
    return new Catalog(schemas, this.relations, this.nextOid);
  }

  /** Replace a schema's entry (same name), e.g. to record its comment. */
  replacingSchema(schema: SchemaMeta): Catalog {
    if (!this.schemas.has(schema.name)) throw new SqlError(SqlState.undefinedSchema, `schema "${schema.name}" does not exist`);
    const schemas = new Map(this.schemas);
    schemas.set(schema.name, schema);
    return new Catalog(schemas, this.relations, this.nextOid);
  }

  withoutSchema(name: string, cascade: boolean): Catalog {
    if (!this.schemas.has(name)) throw new SqlError(SqlState.undefinedSchema, `schema "${name}" does not exist`);
    const members = [...this.relations.values()].filter((r) => r.schema === name);
    if (members.length > 0 && !cascade) {
      throw new SqlError(SqlState.dependentObjectsStillExist, `cannot drop schema ${name} because other objects depend on it`, {
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    const schemas = new Map(this.schemas);
    schemas.delete(name);
    const relations = new Map(this.relations);
    for (const r of members) relations.delete(`${r.schema}.${r.name}`);
    return new Catalog(schemas, relations, this.nextOid);
  }

  withRelation(rel: RelationMeta): Catalog {
    const key = `${rel.schema}.${rel.name}`;
    if (this.relations.has(key)) throw new SqlError(SqlState.duplicateTable, `relation "${rel.name}" already exists`);
    const relations = new Map(this.relations);
    relations.set(key, rel);
    return new Catalog(this.schemas, relations, this.nextOid);
  }

  /** Replace a relation (same id), possibly under a new name. */
  replacingRelation(old: RelationMeta, rel: RelationMeta): Catalog {
    const relations = new Map(this.relations);
    relations.delete(`${old.schema}.${old.name}`);
    const key = `${rel.schema}.${rel.name}`;
    if (relations.has(key)) throw new SqlError(SqlState.duplicateTable, `relation "${rel.name}" already exists`);
    relations.set(key, rel);
    return new Catalog(this.schemas, relations, this.nextOid);
  }

  withoutRelation(rel: RelationMeta): Catalog {
    const relations = new Map(this.relations);
    relations.delete(`${rel.schema}.${rel.name}`);
    return new Catalog(this.schemas, relations, this.nextOid);
  }
}
