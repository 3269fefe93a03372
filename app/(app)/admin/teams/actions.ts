"use server";

import { revalidatePath } from "next/cache";
import { createTeam, renameTeam } from "@/lib/accounts/commands";
import { createTeamInput, renameTeamInput } from "@/lib/accounts/schemas";
import { action } from "@/lib/action";

export const createTeamAction = action(
  "team.create",
  createTeamInput,
  async (actor, input, context) => {
    const result = await createTeam(actor, input, context);
    revalidatePath("/admin/teams");
    return result;
  },
  { success: "Team created." },
);

export const renameTeamAction = action(
  "team.rename",
  renameTeamInput,
  async (actor, input, context) => {
    await renameTeam(actor, input, context);
    revalidatePath("/admin/teams");
  },
  { success: "Team renamed." },
);
