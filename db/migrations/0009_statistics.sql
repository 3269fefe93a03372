CREATE TABLE "service_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"statistics_threshold" integer DEFAULT 10 NOT NULL,
	"supervisors_see_service" boolean DEFAULT false NOT NULL,
	"research_k" integer DEFAULT 5 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_settings_single_row" CHECK ("service_settings"."id" = 1),
	CONSTRAINT "service_settings_threshold" CHECK ("service_settings"."statistics_threshold" between 5 and 100),
	CONSTRAINT "service_settings_research_k" CHECK ("service_settings"."research_k" between 5 and 100)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "record_key" integer DEFAULT floor(random() * 256)::int NOT NULL;--> statement-breakpoint
ALTER TABLE "service_settings" ADD CONSTRAINT "service_settings_updated_by_accounts_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_record_key_range" CHECK ("cases"."record_key" between 0 and 255);--> statement-breakpoint
INSERT INTO "service_settings" ("id") VALUES (1);
