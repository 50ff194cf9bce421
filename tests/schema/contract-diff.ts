/**
 * Lists every way `actual` fails to contain `contract`: a missing type, field, argument, enum value or
 * input field, a different type or nullability, or a new argument that is required.
 */
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";

const kindOf = (t: GraphQLNamedType): string =>
  isObjectType(t) ? "object" : isInputObjectType(t) ? "input" : isEnumType(t) ? "enum" : isScalarType(t) ? "scalar" : isUnionType(t) ? "union" : isInterfaceType(t) ? "interface" : "?";

export function contractDiff(contract: GraphQLSchema, actual: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const expected of Object.values(contract.getTypeMap())) {
    if (expected.name.startsWith("__")) continue;
    const found = actual.getType(expected.name);
    if (!found) {
      problems.push(`missing type ${expected.name}`);
      continue;
    }
    if (kindOf(found) !== kindOf(expected)) {
      problems.push(`${expected.name} is a ${kindOf(found)}, contract says ${kindOf(expected)}`);
      continue;
    }
    if (isEnumType(expected) && isEnumType(found)) {
      const values = new Set(found.getValues().map((v) => v.name));
      for (const v of expected.getValues()) if (!values.has(v.name)) problems.push(`missing enum value ${expected.name}.${v.name}`);
    }
    if (isInputObjectType(expected) && isInputObjectType(found)) {
      const fields = found.getFields();
      for (const f of Object.values(expected.getFields())) {
        const got = fields[f.name];
        if (!got) problems.push(`missing input field ${expected.name}.${f.name}`);
        else if (String(got.type) !== String(f.type)) problems.push(`${expected.name}.${f.name} is ${String(got.type)}, contract says ${String(f.type)}`);
      }
      for (const f of Object.values(fields)) {
        if (!expected.getFields()[f.name] && String(f.type).endsWith("!") && f.defaultValue === undefined) {
          problems.push(`new required input field ${expected.name}.${f.name}`);
        }
      }
    }
    if (isObjectType(expected) && isObjectType(found)) {
      const fields = found.getFields();
      for (const f of Object.values(expected.getFields())) {
        const got = fields[f.name];
        if (!got) {
          problems.push(`missing field ${expected.name}.${f.name}`);
          continue;
        }
        if (String(got.type) !== String(f.type)) problems.push(`${expected.name}.${f.name} is ${String(got.type)}, contract says ${String(f.type)}`);
        for (const arg of f.args) {
          const gotArg = got.args.find((a) => a.name === arg.name);
          if (!gotArg) problems.push(`missing argument ${expected.name}.${f.name}(${arg.name})`);
          else if (String(gotArg.type) !== String(arg.type)) {
            problems.push(`${expected.name}.${f.name}(${arg.name}) is ${String(gotArg.type)}, contract says ${String(arg.type)}`);
          }
        }
        for (const arg of got.args) {
          if (!f.args.some((a) => a.name === arg.name) && isRequiredArgument(arg)) problems.push(`new required argument ${expected.name}.${f.name}(${arg.name})`);
        }
      }
    }
  }
  return problems;
}
