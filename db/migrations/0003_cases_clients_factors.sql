CREATE TYPE "public"."contact_relationship" AS ENUM('mother', 'father', 'parent', 'sibling', 'grandparent', 'partner', 'other_relative', 'friend', 'professional', 'other');--> statement-breakpoint
CREATE TYPE "public"."sex_gender" AS ENUM('female', 'male', 'non_binary', 'other', 'not_stated');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('referred', 'assessment', 'active', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."closure_outcome" AS ENUM('returned_to_education', 'returned_to_employment', 'community_activity', 'improved_still_withdrawn', 'no_change', 'lost_contact', 'transferred', 'moved_away', 'other');--> statement-breakpoint
CREATE TYPE "public"."flag_kind" AS ENUM('self_harm_risk', 'safeguarding', 'family_in_crisis', 'other');--> statement-breakpoint
CREATE TYPE "public"."living_situation" AS ENUM('with_parents', 'with_other_family', 'alone', 'with_partner', 'shared_housing', 'supported_housing', 'other');--> statement-breakpoint
CREATE TYPE "public"."referral_source" AS ENUM('self', 'family', 'school', 'health_service', 'social_services', 'employment_service', 'other');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TABLE "client_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"relationship" "contact_relationship" NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"may_contact" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text,
	"preferred_name" text,
	"date_of_birth" date,
	"phone" text,
	"email" text,
	"address" text,
	"sex_gender" "sex_gender" DEFAULT 'not_stated' NOT NULL,
	"region_code" text,
	"stats_consent" boolean DEFAULT false NOT NULL,
	"stats_consent_date" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_assignments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"counsellor_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "flag_kind" NOT NULL,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_reference_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_status_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"from_status" "case_status",
	"to_status" "case_status" NOT NULL,
	"reason" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"client_id" uuid NOT NULL,
	"counsellor_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"status" "case_status" DEFAULT 'referred' NOT NULL,
	"referral_source" "referral_source" NOT NULL,
	"referral_date" date NOT NULL,
	"withdrawal_onset" date,
	"living_situation" "living_situation",
	"risk_level" "risk_level" DEFAULT 'low' NOT NULL,
	"closed_on" date,
	"closure_outcome" "closure_outcome",
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_contact_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_reference_unique" UNIQUE("reference"),
	CONSTRAINT "cases_closure_complete" CHECK (("cases"."status" = 'closed') = ("cases"."closure_outcome" is not null and "cases"."closed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "case_factors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"factor_id" uuid NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_by" uuid,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "factor_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "factor_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "factors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "factors_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_counsellor_id_accounts_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_assigned_by_accounts_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_raised_by_accounts_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_resolved_by_accounts_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_history" ADD CONSTRAINT "case_status_history_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_history" ADD CONSTRAINT "case_status_history_changed_by_accounts_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_counsellor_id_accounts_id_fk" FOREIGN KEY ("counsellor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_factors" ADD CONSTRAINT "case_factors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_factors" ADD CONSTRAINT "case_factors_factor_id_factors_id_fk" FOREIGN KEY ("factor_id") REFERENCES "public"."factors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_factors" ADD CONSTRAINT "case_factors_added_by_accounts_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_factors" ADD CONSTRAINT "case_factors_removed_by_accounts_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "factors" ADD CONSTRAINT "factors_category_id_factor_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."factor_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_contacts_client_idx" ON "client_contacts" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "clients_family_name_idx" ON "clients" USING btree ("family_name");--> statement-breakpoint
CREATE INDEX "case_assignments_case_idx" ON "case_assignments" USING btree ("case_id","assigned_at");--> statement-breakpoint
CREATE INDEX "case_flags_case_idx" ON "case_flags" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_status_history_case_idx" ON "case_status_history" USING btree ("case_id","changed_at");--> statement-breakpoint
CREATE INDEX "cases_counsellor_status_idx" ON "cases" USING btree ("counsellor_id","status");--> statement-breakpoint
CREATE INDEX "cases_team_status_idx" ON "cases" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "cases_client_idx" ON "cases" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "cases_referral_date_idx" ON "cases" USING btree ("referral_date");--> statement-breakpoint
CREATE UNIQUE INDEX "case_factors_current_key" ON "case_factors" USING btree ("case_id","factor_id") WHERE "case_factors"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_factors_one_primary_key" ON "case_factors" USING btree ("case_id") WHERE "case_factors"."is_primary" and "case_factors"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "case_factors_factor_idx" ON "case_factors" USING btree ("factor_id") WHERE "case_factors"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "factors_category_name_key" ON "factors" USING btree ("category_id",lower("name"));