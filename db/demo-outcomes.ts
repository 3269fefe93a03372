import { faker } from "@faker-js/faker";
import { addDays, format, parseISO } from "date-fns";
import { asc, ne } from "drizzle-orm";
import type { Tx } from "./client";
import { caseMilestones, cases, measureResults, milestoneEnum } from "./schema";
import { GAD7, HQ25, LSNS6, PHQ9, type Instrument } from "../lib/measures/instruments";
import { score } from "../lib/measures/scoring";

// Its own seed, so outcomes leave the demo cases and notes exactly as they were.
const SEED = 20_261_103;
const ANCHOR = "2026-11-01";

const day = (date: Date) => format(date, "yyyy-MM-dd");

/** Item answers near a target total, each within the item's options; item 9 of the PHQ-9 stays 0. */
function answersNear(instrument: Instrument, target: number): number[] {
  const answers = instrument.items.map((item) => item.options[0]!.value);
  const max = (index: number) => instrument.items[index]!.options.at(-1)!.value;
  let total = answers.reduce((a, b) => a + b, 0);
  const open = instrument.items.map((_, index) => index).filter((index) => index + 1 !== instrument.selfHarmItem);
  while (total < target && open.some((index) => answers[index]! < max(index))) {
    const index = faker.helpers.arrayElement(open.filter((i) => answers[i]! < max(i)));
    answers[index]! += 1;
    total += 1;
  }
  return answers;
}

/**
 * Measures every few months for each case that has begun (mostly improving, as in a real
 * caseload, some not) and the first steps of the milestone ladder.
 */
export async function seedDemoOutcomes(tx: Tx): Promise<void> {
  faker.seed(SEED);
  const rows = await tx
    .select({ id: cases.id, counsellorId: cases.counsellorId, referralDate: cases.referralDate, closedOn: cases.closedOn })
    .from(cases)
    .where(ne(cases.status, "referred"))
    .orderBy(asc(cases.reference));
  for (const kase of rows) {
    const end = kase.closedOn ?? ANCHOR;
    const dates: string[] = [];
    for (let date = addDays(parseISO(kase.referralDate), 14); day(date) <= end; date = addDays(date, faker.number.int({ min: 80, max: 100 }))) {
      dates.push(day(date));
    }
    const improving = faker.datatype.boolean(0.7);
    const start = { HQ25: faker.number.int({ min: 45, max: 80 }), PHQ9: faker.number.int({ min: 6, max: 20 }), GAD7: faker.number.int({ min: 5, max: 16 }), LSNS6: faker.number.int({ min: 3, max: 11 }) };
    const results = dates.flatMap((administeredOn, step) => {
      const drift = (improving ? -1 : 1) * step;
      const targets: [Instrument, number][] = [
        [HQ25, start.HQ25 + drift * faker.number.int({ min: 3, max: 8 })],
        [PHQ9, start.PHQ9 + drift * faker.number.int({ min: 1, max: 3 })],
        [GAD7, start.GAD7 + drift * faker.number.int({ min: 0, max: 2 })],
        [LSNS6, start.LSNS6 - drift * faker.number.int({ min: 0, max: 2 })],
      ];
      return targets.map(([instrument, target]) => {
        const total = Math.min(instrument.total.max, Math.max(instrument.total.min, target));
        const responses = instrument.totalOnly ? { total } : { items: answersNear(instrument, total) };
        const scored = score(instrument, responses);
        return {
          caseId: kase.id,
          instrument: instrument.code,
          administeredOn,
          items: instrument.totalOnly ? null : responses.items!,
          total: scored.total,
          subscales: scored.subscales,
          bandCode: scored.band.code,
          bandLabel: scored.band.label,
          concern: scored.band.concern,
          direction: instrument.direction,
          recordedBy: kase.counsellorId,
          recordedAt: parseISO(administeredOn),
        };
      });
    });
    if (results.length) await tx.insert(measureResults).values(results);

    // Steps up the ladder, roughly one a month, further for longer and better-going cases.
    const steps = Math.min(milestoneEnum.enumValues.length, faker.number.int({ min: 1, max: improving ? dates.length + 3 : 2 }));
    let reached = addDays(parseISO(kase.referralDate), faker.number.int({ min: 7, max: 30 }));
    const milestones = [];
    for (const milestone of milestoneEnum.enumValues.slice(0, steps)) {
      if (day(reached) > end) break;
      milestones.push({ caseId: kase.id, milestone, reachedOn: day(reached), recordedBy: kase.counsellorId, recordedAt: reached });
      reached = addDays(reached, faker.number.int({ min: 14, max: 60 }));
    }
    if (milestones.length) await tx.insert(caseMilestones).values(milestones);
  }
}
