"use server";

import { setPasswordWithToken } from "@/lib/accounts/commands";
import { setPasswordWithTokenInput } from "@/lib/accounts/schemas";
import { publicAction } from "@/lib/action";

export const setPasswordAction = publicAction(
  "account.set-password",
  setPasswordWithTokenInput,
  (input, context) => setPasswordWithToken(input, context),
  { success: "Your password is set. You can sign in now." },
);
