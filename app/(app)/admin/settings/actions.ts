"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { settingsInput, updateServiceSettings } from "@/lib/settings/service";

export const updateSettingsAction = action(
  "settings.update",
  settingsInput,
  async (actor, input, context) => {
    const result = await updateServiceSettings(actor, input, context);
    revalidatePath("/admin/settings");
    revalidatePath("/statistics");
    return result;
  },
  { success: "Settings saved." },
);
