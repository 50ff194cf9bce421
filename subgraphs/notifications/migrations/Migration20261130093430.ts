import { Migration } from "@mikro-orm/migrations";

export class Migration20261130093430 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "guardian_links" add column "consent_changed_at" timestamptz null;`);
    this.addSql(`create index "guardian_links_guardian_id_index" on "guardian_links" ("guardian_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "guardian_links_guardian_id_index";`);
  }
}
