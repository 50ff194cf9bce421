import { Migration } from "@mikro-orm/migrations";

export class Migration20261203194549 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "claims_generations" ("user_id" varchar(36) not null, "generation" int not null, constraint "claims_generations_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "idempotency_records" ("id" varchar(64) not null, "operation" varchar(100) not null, "input_hash" varchar(64) not null, "result_ids" jsonb not null, "created_at" timestamptz not null, constraint "idempotency_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "idempotency_records_created_at_index" on "idempotency_records" ("created_at");`);

    this.addSql(
      `create table "open_data_requests" ("request_id" varchar(36) not null, "subject_id" varchar(36) not null, "open" boolean not null, constraint "open_data_requests_pkey" primary key ("request_id"));`,
    );
    this.addSql(`create index "open_data_requests_subject_id_index" on "open_data_requests" ("subject_id");`);

    this.addSql(
      `create table "school_subjects" ("id" varchar(36) not null, "school_id" varchar(36) not null, "subject_id" varchar(36) not null, constraint "school_subjects_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "school_subjects_school_id_index" on "school_subjects" ("school_id");`);
    this.addSql(
      `alter table "school_subjects" add constraint "school_subjects_school_id_subject_id_unique" unique ("school_id", "subject_id");`,
    );

    this.addSql(
      `create table "school_year_promotions" ("id" varchar(36) not null, "school_id" varchar(36) not null, "from_year" int not null, "promoted_by_id" varchar(36) not null, "promoted_at" timestamptz not null, constraint "school_year_promotions_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "school_year_promotions" add constraint "school_year_promotions_school_id_from_year_unique" unique ("school_id", "from_year");`,
    );

    this.addSql(`alter table "access_records" add column "correlation_id" varchar(64) null;`);

    this.addSql(
      `alter table "school_classes" add constraint "school_classes_school_id_academic_year_name_unique" unique ("school_id", "academic_year", "name");`,
    );

    this.addSql(`alter table "teaching_assignments" add column "starts_on" varchar(10) null, add column "ends_on" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "school_classes" drop constraint "school_classes_school_id_academic_year_name_unique";`);
  }
}
