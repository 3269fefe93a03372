CREATE TYPE "public"."measure_direction" AS ENUM('lower_is_better', 'higher_is_better');--> statement-breakpoint
CREATE TYPE "public"."milestone" AS ENUM('family_engaged', 'accepts_contact', 'accepts_home_visit', 'leaves_room_regularly', 'out_1_day_week', 'out_2_3_days_week', 'out_4_days_week', 'attends_group', 'visits_office', 'tries_activity', 'sustained_school_work');--> statement-breakpoint
CREATE TABLE "case_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"milestone" "milestone" NOT NULL,
	"reached_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	"removal_reason" text,
	CONSTRAINT "case_milestones_removal_complete" CHECK (("case_milestones"."removed_at" is null) = ("case_milestones"."removed_by" is null and "case_milestones"."removal_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "measure_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"instrument" text NOT NULL,
	"administered_on" date NOT NULL,
	"items" integer[],
	"total" integer NOT NULL,
	"subscales" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"band_code" text NOT NULL,
	"band_label" text NOT NULL,
	"concern" boolean NOT NULL,
	"direction" "measure_direction" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"supersedes" uuid,
	"correction_reason" text,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "measure_results_correction_reason" CHECK (("measure_results"."supersedes" is null) = ("measure_results"."correction_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "case_milestones" ADD CONSTRAINT "case_milestones_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_milestones" ADD CONSTRAINT "case_milestones_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_milestones" ADD CONSTRAINT "case_milestones_removed_by_accounts_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_results" ADD CONSTRAINT "measure_results_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_results" ADD CONSTRAINT "measure_results_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_results" ADD CONSTRAINT "measure_results_supersedes_measure_results_id_fk" FOREIGN KEY ("supersedes") REFERENCES "public"."measure_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_milestones_current_key" ON "case_milestones" USING btree ("case_id","milestone") WHERE "case_milestones"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "measure_results_case_idx" ON "measure_results" USING btree ("case_id","instrument","administered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_results_supersedes_key" ON "measure_results" USING btree ("supersedes");