import "reflect-metadata";
import { buildInstitutionsSchema } from "/work/main/subgraphs/institutions/schema.ts";
const built = await buildInstitutionsSchema();
console.log(built.sdl);
const f = (built.schema.getType("User") as any).getFields().school;
console.log("astdirs", f.astNode?.directives?.map((d: any) => d.name.value), String(f.resolve).slice(0, 80));
