import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { localName } from "../../../shared/i18n/names.js";
import type { InstitutionsContext } from "../context.js";
import type { Subject } from "../entities/index.js";
import { SubjectType } from "../types/index.js";

@Resolver(() => SubjectType)
export class SubjectResolver {
  @FieldResolver(() => String)
  name(@Root() subject: Subject, @Ctx() ctx: InstitutionsContext): string {
    return localName({ latn: subject.nameLatn, ru: subject.nameRu }, ctx.locale);
  }
}
