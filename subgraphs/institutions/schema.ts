import { institutionsReportPart } from "./privacy/report-part.js";
import { buildSubgraph, type BuiltSubgraph } from "../../shared/federation/build-subgraph.js";
import { institutionsReferences } from "./references/index.js";
import { AccessRecordOrganisationResolver } from "./resolvers/access-record.resolver.js";
import { DistrictResolver } from "./resolvers/district.resolver.js";
import { EmploymentEndingResolver, EnrolmentEndingResolver } from "./resolvers/leaving.resolver.js";
import { SchoolPromotionResolver } from "./resolvers/promotion.resolver.js";
import { RegionResolver } from "./resolvers/region.resolver.js";
import { SchoolClassResolver } from "./resolvers/school-class.resolver.js";
import { SchoolResolver } from "./resolvers/school.resolver.js";
import { SchoolSetupResolver } from "./resolvers/setup.resolver.js";
import { SubjectResolver } from "./resolvers/subject.resolver.js";
import { UserInstitutionsResolver } from "./resolvers/user.resolver.js";
import { institutionsSubjects } from "./subjects.js";
import { REPORT_UNIT_TYPES } from "./types/report-units.js";

export const buildInstitutionsSchema = (): Promise<BuiltSubgraph> =>
  buildSubgraph({
    resolvers: [
      RegionResolver,
      DistrictResolver,
      SchoolResolver,
      SchoolClassResolver,
      SubjectResolver,
      UserInstitutionsResolver,
      institutionsReportPart.resolver,
      EnrolmentEndingResolver,
      EmploymentEndingResolver,
      SchoolPromotionResolver,
      SchoolSetupResolver,
      AccessRecordOrganisationResolver,
    ],
    orphanedTypes: [institutionsReportPart.stub, ...REPORT_UNIT_TYPES],
    references: institutionsReferences,
    subjects: institutionsSubjects,
  });
