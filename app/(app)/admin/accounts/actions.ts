"use server";

import { revalidatePath } from "next/cache";
import { createAccount, issuePasswordLink, setAccountStatus, updateAccount } from "@/lib/accounts/commands";
import {
  createAccountInput,
  passwordLinkInput,
  setAccountStatusInput,
  updateAccountInput,
} from "@/lib/accounts/schemas";
import { action } from "@/lib/action";

const refresh = <T,>(work: Promise<T>) =>
  work.then((result) => {
    revalidatePath("/admin/accounts");
    return result;
  });

export const createAccountAction = action("account.create", createAccountInput, (actor, input, context) =>
  refresh(createAccount(actor, input, context)),
);

export const updateAccountAction = action(
  "account.update",
  updateAccountInput,
  (actor, input, context) => refresh(updateAccount(actor, input, context)),
  { success: "Account updated." },
);

export const setAccountStatusAction = action(
  "account.set-status",
  setAccountStatusInput,
  (actor, input, context) => refresh(setAccountStatus(actor, input, context)),
  { success: "Account status changed." },
);

export const issuePasswordLinkAction = action("account.password-link", passwordLinkInput, (actor, input, context) =>
  refresh(issuePasswordLink(actor, input, context)),
);
