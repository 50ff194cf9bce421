import { Migration } from "@mikro-orm/migrations";

export class Migration20261130092204 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "access_records" add column "recipient" varchar(200) null, add column "restricted" boolean not null default false;`,
    );
  }
}
