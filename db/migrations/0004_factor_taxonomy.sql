-- The contributing-factor taxonomy every service starts with (admins extend it; codes stay stable).
INSERT INTO factor_categories (code, name, sort_order) VALUES ('social_pressures', 'Social pressures', 1);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('academic_pressure', 'Academic pressure', 1),
  ('work_pressure', 'Work pressure', 2),
  ('expectations_to_conform', 'Expectations to conform', 3),
  ('shame_stigma', 'Shame / stigma', 4)
) AS v(code, name, sort_order) WHERE c.code = 'social_pressures';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('mental_health', 'Mental health', 2);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('depression', 'Depression', 1),
  ('anxiety_disorder', 'Anxiety disorder', 2),
  ('social_anxiety', 'Social anxiety / phobia', 3),
  ('autism_spectrum', 'Autism spectrum', 4),
  ('adhd', 'ADHD', 5),
  ('sleep_disturbance', 'Sleep disturbance', 6),
  ('other_diagnosed_condition', 'Other diagnosed condition', 7)
) AS v(code, name, sort_order) WHERE c.code = 'mental_health';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('family_dynamics', 'Family dynamics', 3);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('family_conflict', 'Family conflict', 1),
  ('overprotection', 'Overprotection / over-dependence', 2),
  ('poor_family_communication', 'Poor family communication', 3),
  ('parental_illness', 'Parental illness', 4),
  ('ageing_parents', 'Ageing parents (8050 problem)', 5),
  ('family_financial_strain', 'Family financial strain', 6)
) AS v(code, name, sort_order) WHERE c.code = 'family_dynamics';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('school_peers', 'School and peers', 4);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('bullying', 'Bullying', 1),
  ('school_refusal', 'School refusal', 2),
  ('academic_failure', 'Academic failure', 3)
) AS v(code, name, sort_order) WHERE c.code = 'school_peers';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('work_economic', 'Work and economic', 5);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('job_loss', 'Job loss', 1),
  ('failed_job_search', 'Failed job search', 2),
  ('workplace_harassment', 'Workplace harassment', 3),
  ('financial_hardship', 'Financial hardship', 4)
) AS v(code, name, sort_order) WHERE c.code = 'work_economic';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('digital_lifestyle', 'Digital and lifestyle', 6);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('problematic_internet_gaming', 'Problematic internet / gaming use', 1),
  ('reversed_day_night', 'Reversed day–night rhythm', 2)
) AS v(code, name, sort_order) WHERE c.code = 'digital_lifestyle';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('physical_health', 'Physical health', 7);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('chronic_illness', 'Chronic illness', 1),
  ('poor_nutrition_inactivity', 'Poor nutrition / inactivity', 2)
) AS v(code, name, sort_order) WHERE c.code = 'physical_health';
--> statement-breakpoint
INSERT INTO factor_categories (code, name, sort_order) VALUES ('life_events', 'Life events', 8);
--> statement-breakpoint
INSERT INTO factors (category_id, code, name, sort_order)
SELECT c.id, v.code, v.name, v.sort_order FROM factor_categories c, (VALUES
  ('bereavement', 'Bereavement', 1),
  ('trauma', 'Trauma', 2),
  ('pandemic_disruption', 'Pandemic disruption', 3)
) AS v(code, name, sort_order) WHERE c.code = 'life_events';
