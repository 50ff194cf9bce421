import { Migration } from "@mikro-orm/migrations";

export class Migration20261203194553 extends Migration {
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
      `create table "subject_names" ("subject_id" varchar(36) not null, "latn" varchar(200) not null, "ru" varchar(200) null, constraint "subject_names_pkey" primary key ("subject_id"));`,
    );

    this.addSql(`alter table "access_records" add column "correlation_id" varchar(64) null;`);
  }
}
