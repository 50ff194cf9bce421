import { Migration } from "@mikro-orm/migrations";

export class Migration20261203194551 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "claims_generations" ("user_id" varchar(36) not null, "generation" int not null, constraint "claims_generations_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "closed_years" ("id" varchar(36) not null, "school_id" varchar(36) not null, "year" int not null, "closed_on" varchar(10) not null, constraint "closed_years_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "closed_years" add constraint "closed_years_school_id_year_unique" unique ("school_id", "year");`);

    this.addSql(
      `create table "idempotency_records" ("id" varchar(64) not null, "operation" varchar(100) not null, "input_hash" varchar(64) not null, "result_ids" jsonb not null, "created_at" timestamptz not null, constraint "idempotency_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "idempotency_records_created_at_index" on "idempotency_records" ("created_at");`);

    this.addSql(
      `create table "open_data_requests" ("request_id" varchar(36) not null, "subject_id" varchar(36) not null, "open" boolean not null, constraint "open_data_requests_pkey" primary key ("request_id"));`,
    );
    this.addSql(`create index "open_data_requests_subject_id_index" on "open_data_requests" ("subject_id");`);

    this.addSql(`alter table "academic_terms" drop constraint if exists "academic_terms_kind_check";`);

    // One term kind (HALF became HALF_YEAR): rows written before keep their meaning.
    this.addSql(`update "academic_terms" set "kind" = 'HALF_YEAR' where "kind" = 'HALF';`);

    this.addSql(`alter table "academic_terms" add constraint "academic_terms_kind_check" check("kind" in ('QUARTER', 'HALF_YEAR'));`);

    this.addSql(`alter table "access_records" add column "correlation_id" varchar(64) null;`);

    this.addSql(`alter table "journal_changes" add column "reason" varchar(300) null;`);
    this.addSql(`alter table "journal_changes" alter column "new_value" type varchar(30) using ("new_value"::varchar(30));`);
    this.addSql(`alter table "journal_changes" alter column "new_value" drop not null;`);

    this.addSql(`alter table "teaching_replicas" add column "starts_on" varchar(10) null, add column "ends_on" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "academic_terms" drop constraint if exists "academic_terms_kind_check";`);

    this.addSql(`alter table "academic_terms" add constraint "academic_terms_kind_check" check("kind" in ('QUARTER', 'HALF'));`);

    this.addSql(`alter table "journal_changes" alter column "new_value" type varchar(30) using ("new_value"::varchar(30));`);
    this.addSql(`alter table "journal_changes" alter column "new_value" set not null;`);
  }
}
