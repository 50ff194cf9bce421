/**
 * The one enforcement point for personal data, applied to every subgraph schema after it is built.
 * It reads @personalData from the schema itself, so a field annotated in code is protected wherever it
 * is resolved: a root query, a nested field or `_entities`. Resolvers never decide releases themselves.
 */
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  responsePathAsArray,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { ForbiddenError, NotFoundError, PersonalDataWithheldError, UnauthenticatedError } from "../errors.js";
import type { BaseContext } from "../context.js";
import { isPartner } from "./partners.js";
import type { Caller } from "./claims.js";
import { blockApplies, canReach, canReachAnyone, decide, type Decision } from "./policy.js";
import { relationshipsOf } from "./relationships.js";
import { readPersonalData, readSensitiveValues, type PersonalDataSpec } from "./personal-data.js";
import type { DataSubject } from "./subject.js";

/** How a subgraph finds the data subject behind an object of one of its types (batched through loaders). */
export type SubjectOf<C extends BaseContext = BaseContext> = (parent: any, ctx: C) => Promise<DataSubject | null> | DataSubject | null;

export interface EnforcementOptions<C extends BaseContext> {
  subjects: Record<string, SubjectOf<C>>;
  /** Root fields callable without a token (sign-in and friends). */
  publicFields?: readonly string[];
  /** Types whose whole object is hidden from a caller with no relationship to its subject (User). */
  reachableOnly?: readonly string[];
  /**
   * Types that are people (default: User). A released personal list of them (a class's students, a child's
   * guardians) releases who each of them is: every one listed gets an access row of their own.
   */
  personTypes?: readonly string[];
}

const FEDERATION_PUBLIC = new Set(["_service"]);

const BLOCK_NAMES = "personalDataBlockNames";

/**
 * The names a block of `name` ("Grade", "User.attendance") goes by in this schema: the row type, every list
 * of it, and what is derived from them. For aggregate statements that must leave blocked subjects' rows out
 * (blocks.ts, `notBlocked`); a schema the enforcement has not wrapped knows only the name itself.
 */
export function blockNamesIn(schema: GraphQLSchema, name: string): string[] {
  const names = (schema.extensions as Record<string, unknown>)[BLOCK_NAMES] as ((n: string) => string[]) | undefined;
  return names ? names(name) : [name];
}

/**
 * The subject with the facts only the shared replicas hold: for the data protection officer, whether the
 * person has an open data request (DPO_HANDLING). Others' decisions never depend on it, so nobody else pays
 * for the lookup.
 */
export async function withRequestFacts(ctx: BaseContext, subject: DataSubject): Promise<DataSubject> {
  if (ctx.caller?.role !== "DATA_PROTECTION_OFFICER" || subject.openDataRequest !== undefined) return subject;
  return { ...subject, openDataRequest: await ctx.privacy.hasOpenRequest(ctx.em, subject.id) };
}

/**
 * The decision for one subject and spec, noted in the audit ledger. The matrix's answer is cached per
 * request; a release to someone else then meets the subject's blocks: `blockNames` are the names a block of
 * this field goes by (the field, and for personal rows the row type and the lists of it).
 */
async function check(
  ctx: BaseContext,
  subject: DataSubject | null,
  spec: PersonalDataSpec,
  field: string,
  blockNames: readonly string[] = [field],
): Promise<Decision> {
  const caller = ctx.caller;
  if (!caller) throw new UnauthenticatedError();
  if (!subject) return { released: false, reason: "NO_RELATIONSHIP" };
  subject = await withRequestFacts(ctx, subject);
  const key = `${subject.id}|${subject.academicSubjectId ?? ""}|${subject.recordDate ?? ""}|${spec.category}|${spec.purposes.join(",")}`;
  let decision = spec.withObject ? undefined : ctx.privacy.cached(key);
  if (!decision) {
    decision = spec.withObject ? decideWithObject(caller, subject) : decide(caller, subject, spec.category, spec.purposes);
    if (!spec.withObject) ctx.privacy.remember(key, decision);
  }
  if (blockApplies(decision)) {
    const blocked = await ctx.privacy.blockedFields(ctx.em, subject.id);
    if (blockNames.some((name) => blocked.has(name))) decision = { released: false, reason: "BLOCKED" };
  }
  if (subject.id !== caller.sub) {
    ctx.privacy.noteFor(caller, subject.id, field, decision.released ? undefined : decision.reason);
  }
  return decision;
}

/** A field released with its object (PersonalDataSpec.withObject): to whoever may reach the person. */
function decideWithObject(caller: Caller, subject: DataSubject): Decision {
  if (!canReach(caller, subject)) return { released: false, reason: "NO_RELATIONSHIP" };
  if (caller.role === "DATA_PROTECTION_OFFICER" && caller.purpose === "LEGAL_REQUEST" && caller.legalBasis) {
    return { released: true, relationship: "DPO_LEGAL" };
  }
  return { released: true, relationship: relationshipsOf(caller, subject)[0]! };
}

/**
 * Object-level reachability: whether the caller stands in any relationship to the subject. A refusal
 * about someone else is audited like a withheld field, under the name of what was asked for.
 */
export async function reachable(ctx: BaseContext, subject: DataSubject | null, what: string): Promise<boolean> {
  const caller = ctx.caller;
  if (!caller) throw new UnauthenticatedError();
  if (subject && canReach(caller, await withRequestFacts(ctx, subject))) return true;
  if (subject && subject.id !== caller.sub) {
    ctx.privacy.noteFor(caller, subject.id, what, "NO_RELATIONSHIP");
  }
  return false;
}

/**
 * `reachable`, for a root field that names one object: refused as a whole with FORBIDDEN. A subject that
 * does not exist (null) is refused with the very same error, so a caller with no relationship cannot
 * probe which ids exist; only the data protection officer under a legal request, who may reach anyone,
 * learns that an id is unknown (NOT_FOUND).
 */
export async function assertReachable(ctx: BaseContext, subject: DataSubject | null, what: string): Promise<void> {
  if (await reachable(ctx, subject, what)) return;
  if (!subject && ctx.caller && canReachAnyone(ctx.caller)) throw new NotFoundError(what);
  throw new ForbiddenError("You have no relationship to this person");
}

function rowTypeOf(field: GraphQLField<unknown, unknown>, rows: Map<string, PersonalDataSpec>): string | undefined {
  if (!isListType(getNullableType(field.type))) return undefined;
  const named = getNamedType(field.type);
  return rows.has(named.name) ? named.name : undefined;
}

/**
 * The names a block goes by. A personal field that lists personal rows (User.grades → Grade) and the row
 * type are one thing to block: blocking "User.grades" also withholds the student's Grade rows in the class
 * journal and `_entities`, and blocking "Grade" also withholds User.grades.
 */
function blockNamesOf(objectTypes: GraphQLObjectType[], rows: Map<string, PersonalDataSpec>): (name: string) => string[] {
  const groups = new Map<string, Set<string>>();
  for (const type of objectTypes) {
    for (const field of Object.values(type.getFields())) {
      const row = rowTypeOf(field, rows);
      if (!row) continue;
      const group = groups.get(row) ?? new Set([row]);
      group.add(`${type.name}.${field.name}`);
      groups.set(row, group);
      groups.set(`${type.name}.${field.name}`, group);
    }
  }
  return (name) => [...(groups.get(name) ?? [name])];
}

/**
 * Wraps the resolvers of every root field (authentication), every @personalData field (release
 * decision) and every list of personal rows (filtering) in `schema`, in place.
 * Fails at boot when a personal type has no subject resolver, so nothing personal goes unguarded.
 */
export function enforcePersonalData<C extends BaseContext>(schema: GraphQLSchema, options: EnforcementOptions<C>): GraphQLSchema {
  const objectTypes = Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith("__"));
  const rows = new Map<string, PersonalDataSpec>();
  for (const type of objectTypes) {
    const spec = readPersonalData(
      [...(type.astNode?.directives ?? []), ...type.extensionASTNodes.flatMap((n) => n.directives ?? [])],
      type.name,
    );
    if (spec) rows.set(type.name, spec);
  }
  const subjectOf = (typeName: string): SubjectOf<C> => {
    const fn = options.subjects[typeName];
    if (!fn) throw new Error(`Type ${typeName} holds personal data but its subgraph gives no subject resolver for it`);
    return fn;
  };

  const ownBlockNames = blockNamesOf(objectTypes, rows);
  // A derived value goes by the block names of what it derives from as well as its own.
  const derivedFrom = new Map<string, string[]>();
  for (const type of objectTypes) {
    const rowSpec = rows.get(type.name);
    if (rowSpec?.derivedFrom.length) derivedFrom.set(type.name, rowSpec.derivedFrom);
    for (const field of Object.values(type.getFields())) {
      const spec = readPersonalData(field.astNode?.directives, `${type.name}.${field.name}`);
      if (spec?.derivedFrom.length) derivedFrom.set(`${type.name}.${field.name}`, spec.derivedFrom);
    }
  }
  const blockNames = (name: string): string[] => [
    ...new Set([...ownBlockNames(name), ...(derivedFrom.get(name) ?? []).flatMap((source) => ownBlockNames(source))]),
  ];
  // Aggregates computed in SQL (a class's daily attendance, the reports) read which names block a row type here.
  schema.extensions = { ...schema.extensions, [BLOCK_NAMES]: blockNames };
  const reachableOnly = new Set(options.reachableOnly ?? []);
  const personTypes = new Set(options.personTypes ?? ["User"]);
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name].filter(Boolean));
  const publicFields = new Set([...(options.publicFields ?? []), ...FEDERATION_PUBLIC]);

  for (const type of objectTypes) {
    const rowSpec = rows.get(type.name);
    const rowSubject = rowSpec ? subjectOf(type.name) : undefined;
    for (const field of Object.values(type.getFields())) {
      const fieldName = `${type.name}.${field.name}`;
      const fieldSpec = readPersonalData(field.astNode?.directives, fieldName);
      const fieldSubject = fieldSpec ? subjectOf(type.name) : undefined;
      const rowItems = rowTypeOf(field, rows);
      const itemsType = getNamedType(field.type).name;
      // Lists of people (children, guardians) drop the ones the caller has no relationship to.
      const reachItems = isListType(getNullableType(field.type)) && reachableOnly.has(itemsType) ? subjectOf(itemsType) : undefined;
      // A personal list of people whose members are not filtered by reachability here: each one shown is noted.
      const listsPeople = !!fieldSpec && !reachItems && isListType(getNullableType(field.type)) && personTypes.has(itemsType);
      const sensitive = readSensitiveValues(field.astNode?.directives, fieldName);
      const sensitiveSpec = sensitive && {
        category: "sensitive" as const,
        purposes: (fieldSpec ?? rowSpec)?.purposes ?? [],
        derivedFrom: [],
      };
      if (sensitive && !(fieldSpec ?? rowSpec))
        throw new Error(`@sensitiveValues on ${fieldName} needs @personalData on the field or its type`);
      const needsAuth = rootTypes.has(type.name) && !publicFields.has(field.name);
      const writes = needsAuth && type.name === schema.getMutationType()?.name;
      const rowBlockNames = blockNames(type.name);
      const fieldBlockNames = [...new Set([...blockNames(fieldName), ...(rowSpec ? rowBlockNames : [])])];
      const guardsRow = rowSpec && field.name !== "id";
      if (!needsAuth && !fieldSpec && !guardsRow && !rowItems && !reachItems && !sensitive) continue;
      // Withheld answers null with its error, so a personal field must be nullable: a withheld list then reads
      // as null (withheld), never as [] (there are none), in every client and cache. The one exception is a
      // non-null String of the contract (User.login): withheld, it answers "" and its error goes alongside.
      const emptyWhenWithheld =
        !!fieldSpec && isNonNullType(field.type) && !isListType(field.type.ofType) && getNamedType(field.type).name === "String";
      // A field released with its object (role, locale) is never withheld by purpose; a block of it nulls the object.
      if (fieldSpec && isNonNullType(field.type) && !emptyWhenWithheld && !fieldSpec.withObject)
        throw new Error(`${fieldName} holds personal data and must be nullable`);
      // A nullable list of one subject's rows (a journal row's grades) whose every row is withheld is withheld
      // as a whole; a non-null list (a query's result across many people) keeps only the rows released.
      const nullWhenAllWithheld = !isNonNullType(field.type);

      const resolve: GraphQLFieldResolver<unknown, C> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (parent, args, ctx, info) => {
        if (needsAuth && !ctx.caller) throw new UnauthenticatedError();
        // Least privilege for integration partners (partners.ts): they read under their purposes, never write.
        if (writes && isPartner(ctx.caller!)) throw new ForbiddenError("Integration partners may read but not change anything");
        if (guardsRow && rowSpec && rowSubject) {
          const decision = await check(ctx, await rowSubject(parent, ctx), rowSpec, fieldName, rowBlockNames);
          if (!decision.released) throw new PersonalDataWithheldError(rowSpec.category, decision.reason);
        }
        if (fieldSpec && fieldSubject) {
          const decision = await check(ctx, await fieldSubject(parent, ctx), fieldSpec, fieldName, fieldBlockNames);
          if (!decision.released) {
            const error = new PersonalDataWithheldError(fieldSpec.category, decision.reason);
            if (!emptyWhenWithheld) throw error;
            ctx.privacy.reportWithheld(error, responsePathAsArray(info.path));
            return "";
          }
        }
        const result = await resolve(parent, args, ctx, info);
        if (sensitive && sensitiveSpec && sensitive.values.includes(String(result))) {
          const subject = await subjectOf(type.name)(parent, ctx);
          const decision = await check(ctx, subject, sensitiveSpec, `${fieldName}:${String(result)}`, fieldBlockNames);
          return decision.released ? result : sensitive.shownAs;
        }
        if (reachItems && Array.isArray(result)) {
          const subjects = await Promise.all(result.map((item) => reachItems(item, ctx)));
          const kept: unknown[] = [];
          for (let i = 0; i < result.length; i++) {
            const subject = subjects[i] ?? null;
            if (!(await reachable(ctx, subject, itemsType))) continue;
            kept.push(result[i]);
            // Who the people in the list are (a child's guardians) is their data too: each one shown is audited.
            if (subject && subject.id !== ctx.caller!.sub) ctx.privacy.noteFor(ctx.caller!, subject.id, fieldName);
          }
          return kept;
        }
        if (listsPeople && Array.isArray(result)) {
          for (const person of result as Array<{ id?: unknown }>) {
            if (typeof person?.id === "string" && person.id !== ctx.caller!.sub) ctx.privacy.noteFor(ctx.caller!, person.id, fieldName);
          }
          return result;
        }
        if (!rowItems || !Array.isArray(result)) return result;
        const spec = rows.get(rowItems)!;
        const itemSubject = subjectOf(rowItems);
        const names = blockNames(rowItems);
        const subjects = await Promise.all(result.map((item) => itemSubject(item, ctx)));
        // All rows at once, so the blocks of every subject in the list are read in one batch.
        const decisions = await Promise.all(subjects.map((subject) => check(ctx, subject ?? null, spec, rowItems, names)));
        const refused = decisions.find((decision) => !decision.released);
        if (refused && nullWhenAllWithheld && decisions.every((decision) => !decision.released)) {
          throw new PersonalDataWithheldError(spec.category, refused.reason);
        }
        return result.filter((_, i) => decisions[i]!.released);
      };
    }
  }
  return schema;
}
