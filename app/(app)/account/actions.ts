"use server";

import { changeOwnPassword } from "@/lib/accounts/commands";
import { changeOwnPasswordInput } from "@/lib/accounts/schemas";
import { action } from "@/lib/action";

export const changePasswordAction = action(
  "account.change-password",
  changeOwnPasswordInput,
  changeOwnPassword,
  { success: "Your password is changed. Other devices you were signed in on have been signed out." },
);
