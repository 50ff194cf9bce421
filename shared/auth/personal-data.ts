/**
 * The @personalData directive: declared in every subgraph's SDL, composed into the supergraph with
 * @composeDirective so that clients see which fields are personal and for which purposes.
 * On a field: that field is personal data of the object's subject. On a type: every row of that type
 * is (a grade, an attendance mark), so lists of it are filtered and a lone row is withheld whole.
 * `derivedFrom` names the personal fields or row types a value is computed from (a term-mark suggestion
 * from the student's Grade rows): a block of any of them withholds the derived value too, so a block
 * cannot be walked around through a mean, a suggestion or a summary.
 */
import type { ConstDirectiveNode } from "graphql";
import { CATEGORIES, type Category } from "./policy.js";
import { isPurpose, PURPOSES, type Purpose } from "./roles.js";

export const PERSONAL_DATA_SDL = `directive @personalData(category: String!, purposes: [Purpose!]!, derivedFrom: [String!], withObject: Boolean) on FIELD_DEFINITION | OBJECT`;
export const PURPOSE_ENUM_SDL = `enum Purpose { ${PURPOSES.join(" ")} }`;

export interface PersonalDataSpec {
  category: Category;
  purposes: Purpose[];
  /** "Type.field" or row type names the value is computed from; their blocks are its blocks. */
  derivedFrom: string[];
  /**
   * Released with the object it belongs to, to anyone who may reach that object (a person's role and
   * locale: a client cannot render a person without them), yet personal: every release to someone else is
   * audited, and a block withholds it like any other field.
   */
  withObject?: boolean;
}

const BLOCK_NAME = /^[A-Z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?$/;

/** The usage string for type-graphql's @Directive decorator. */
export function personalData(
  category: Category,
  purposes: readonly Purpose[],
  options: { derivedFrom?: readonly string[]; withObject?: boolean } = {},
): string {
  const derivedFrom = options.derivedFrom ?? [];
  const derived = derivedFrom.length ? `, derivedFrom: [${derivedFrom.map((d) => JSON.stringify(d)).join(", ")}]` : "";
  const withObject = options.withObject ? ", withObject: true" : "";
  return `@personalData(category: "${category}", purposes: [${purposes.join(", ")}]${derived}${withObject})`;
}

/** Reads the directive from a type's or field's AST; throws on a malformed one so a typo fails at boot. */
export function readPersonalData(directives: readonly ConstDirectiveNode[] | undefined, where: string): PersonalDataSpec | undefined {
  const node = directives?.find((d) => d.name.value === "personalData");
  if (!node) return undefined;
  const category = node.arguments?.find((a) => a.name.value === "category")?.value;
  const purposes = node.arguments?.find((a) => a.name.value === "purposes")?.value;
  if (category?.kind !== "StringValue" || !CATEGORIES.includes(category.value as Category)) {
    throw new Error(`@personalData on ${where}: unknown category`);
  }
  const list = purposes?.kind === "ListValue" ? purposes.values : [];
  const names = list.map((v) => (v.kind === "EnumValue" ? v.value : ""));
  if (names.length === 0 || !names.every(isPurpose)) throw new Error(`@personalData on ${where}: purposes must be Purpose values`);
  const derived = node.arguments?.find((a) => a.name.value === "derivedFrom")?.value;
  const derivedFrom = derived?.kind === "ListValue" ? derived.values.map((v) => (v.kind === "StringValue" ? v.value : "")) : [];
  if (!derivedFrom.every((d) => BLOCK_NAME.test(d))) throw new Error(`@personalData on ${where}: derivedFrom names "Type" or "Type.field"`);
  const withObject = node.arguments?.find((a) => a.name.value === "withObject")?.value;
  return {
    category: category.value as Category,
    purposes: names as Purpose[],
    derivedFrom,
    ...(withObject?.kind === "BooleanValue" && withObject.value ? { withObject: true } : {}),
  };
}

/**
 * @sensitiveValues on a field whose values are mostly ordinary but some of which are sensitive data (an
 * attendance status of ILLNESS is health data). A caller who may not see the sensitive category of the
 * subject gets `shownAs`, the general value it falls under, instead of the sensitive one.
 */
export const SENSITIVE_VALUES_SDL = `directive @sensitiveValues(values: [String!]!, shownAs: String!) on FIELD_DEFINITION`;

export interface SensitiveValuesSpec {
  values: string[];
  shownAs: string;
}

export function sensitiveValues(values: readonly string[], shownAs: string): string {
  return `@sensitiveValues(values: [${values.map((v) => JSON.stringify(v)).join(", ")}], shownAs: ${JSON.stringify(shownAs)})`;
}

export function readSensitiveValues(directives: readonly ConstDirectiveNode[] | undefined, where: string): SensitiveValuesSpec | undefined {
  const node = directives?.find((d) => d.name.value === "sensitiveValues");
  if (!node) return undefined;
  const values = node.arguments?.find((a) => a.name.value === "values")?.value;
  const shownAs = node.arguments?.find((a) => a.name.value === "shownAs")?.value;
  const list = values?.kind === "ListValue" ? values.values.map((v) => (v.kind === "StringValue" ? v.value : "")) : [];
  if (list.length === 0 || list.includes("") || shownAs?.kind !== "StringValue") {
    throw new Error(`@sensitiveValues on ${where}: values must be strings and shownAs a string`);
  }
  return { values: list, shownAs: shownAs.value };
}
