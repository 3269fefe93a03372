"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { createFactor, renameFactor, setFactorRetired } from "@/lib/factors/commands";
import { createFactorInput, renameFactorInput, retireFactorInput } from "@/lib/factors/schemas";

const refresh = <T,>(result: T) => {
  revalidatePath("/admin/factors");
  return result;
};

export const createFactorAction = action(
  "factor.create",
  createFactorInput,
  async (actor, input, context) => refresh(await createFactor(actor, input, context)),
  { success: "Factor added." },
);
export const renameFactorAction = action(
  "factor.rename",
  renameFactorInput,
  async (actor, input, context) => refresh(await renameFactor(actor, input, context)),
  { success: "Factor renamed." },
);
export const retireFactorAction = action(
  "factor.retire",
  retireFactorInput,
  async (actor, input, context) => refresh(await setFactorRetired(actor, input, context)),
);
