import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { action } from "@/lib/action";
import type { Actor } from "@/lib/actor";
import type { RequestContext } from "@/lib/request";

/**
 * A command on one case as a server action, then a fresh render of everything under that case
 * (overview, notes, outcomes) and of the cases list, whose columns it may have changed.
 */
export function caseAction<S extends z.ZodType<{ caseId: string }>, T>(
  name: string,
  schema: S,
  command: (actor: Actor, input: z.output<S>, context: RequestContext) => Promise<T>,
  success?: string | ((data: T) => string),
) {
  return action(
    name,
    schema,
    async (actor, input, context) => {
      const result = await command(actor, input, context);
      revalidatePath(`/cases/${input.caseId}`, "layout");
      revalidatePath("/cases");
      return result;
    },
    { success },
  );
}
