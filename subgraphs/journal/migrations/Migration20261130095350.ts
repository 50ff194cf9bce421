import { Migration } from "@mikro-orm/migrations";

export class Migration20261130095350 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "attendance_marks_class_id_date_status_lesson_id_index" on "attendance_marks" ("class_id", "date", "status", "lesson_id");`,
    );

    this.addSql(`create index "class_places_school_id_index" on "class_places" ("school_id");`);
    this.addSql(`create index "class_places_district_id_index" on "class_places" ("district_id");`);
    this.addSql(`create index "class_places_region_id_index" on "class_places" ("region_id");`);

    this.addSql(`create index "grades_class_id_date_index" on "grades" ("class_id", "date");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "attendance_marks_class_id_date_status_lesson_id_index";`);

    this.addSql(`drop index "class_places_school_id_index";`);
    this.addSql(`drop index "class_places_district_id_index";`);
    this.addSql(`drop index "class_places_region_id_index";`);

    this.addSql(`drop index "grades_class_id_date_index";`);
  }
}
