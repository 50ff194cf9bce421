import { Migration } from "@mikro-orm/migrations";

export class Migration20261203194547 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "claims_generations" ("user_id" varchar(36) not null, "generation" int not null, constraint "claims_generations_pkey" primary key ("user_id"));`,
    );

    this.addSql(
      `create table "idempotency_records" ("id" varchar(64) not null, "operation" varchar(100) not null, "input_hash" varchar(64) not null, "result_ids" jsonb not null, "created_at" timestamptz not null, constraint "idempotency_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "idempotency_records_created_at_index" on "idempotency_records" ("created_at");`);

    this.addSql(
      `create table "one_time_codes" ("id" varchar(36) not null, "user_id" varchar(36) not null, "purpose" varchar(16) not null, "hash" varchar(300) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "one_time_codes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "one_time_codes_user_id_index" on "one_time_codes" ("user_id");`);

    this.addSql(
      `create table "open_data_requests" ("request_id" varchar(36) not null, "subject_id" varchar(36) not null, "open" boolean not null, constraint "open_data_requests_pkey" primary key ("request_id"));`,
    );
    this.addSql(`create index "open_data_requests_subject_id_index" on "open_data_requests" ("subject_id");`);

    this.addSql(`alter table "access_records" add column "correlation_id" varchar(64) null;`);

    this.addSql(`alter table "correction_messages" add column "restricted" boolean not null default false;`);

    this.addSql(`alter table "data_request_steps" add column "restricted" boolean not null default false;`);

    this.addSql(`alter table "placements" add column "starts_on" varchar(10) null;`);

    this.addSql(`alter table "sign_in_throttles" add column "account" varchar(80) null, add column "last_success_at" timestamptz null;`);
    this.addSql(`create index "sign_in_throttles_account_index" on "sign_in_throttles" ("account");`);

    this.addSql(`alter table "users" add column "phone_verified_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sign_in_throttles_account_index";`);
  }
}
