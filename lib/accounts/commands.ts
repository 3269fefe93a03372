import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { accounts, teams } from "@/db/schema";
import type { Actor } from "../actor";
import { audit, auditAlone } from "../audit";
import { hashPassword, verifyPassword } from "../auth/hashing";
import { passwordProblem } from "../auth/password";
import { isThrottled, recordAttempt } from "../auth/attempts";
import { SIGN_IN_THROTTLED } from "../auth/login";
import { revokeSessions } from "../auth/sessions";
import { consumeToken, findUsableToken, issueToken, revokeTokens } from "../auth/tokens";
import { isUniqueViolation, transaction } from "../db";
import { conflict, DomainError, invalid, notFound } from "../errors";
import { assertCan } from "../policy";
import type { RequestContext } from "../request";
import type {
  changeOwnPasswordInput,
  createAccountInput,
  createTeamInput,
  passwordLinkInput,
  renameTeamInput,
  setAccountStatusInput,
  setPasswordWithTokenInput,
  updateAccountInput,
} from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

async function assertTeamExists(tx: Tx, teamId: string | null) {
  if (!teamId) return;
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw invalid("Some fields need attention.", { teamId: ["Choose an existing team."] });
}

async function emailTaken(tx: Tx, email: string) {
  const [row] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
  return Boolean(row);
}

const emailTakenError = () =>
  invalid("Some fields need attention.", { email: ["An account with this email address already exists."] });

/** Creates an account with no password, and the single-use link its owner sets one with. */
export async function createAccount(actor: Actor, input: Input<typeof createAccountInput>, context: RequestContext) {
  assertCan(actor, "accounts.manage");
  try {
    return await transaction(async (tx) => {
      await assertTeamExists(tx, input.teamId);
      if (await emailTaken(tx, input.email)) throw emailTakenError();
      const [account] = await tx
        .insert(accounts)
        .values({ name: input.name, email: input.email, role: input.role, teamId: input.teamId })
        .returning({ id: accounts.id });
      const link = await issueToken(tx, account!.id, "set_password", actor.id);
      await audit(
        tx,
        { actor, action: "account.create", entityType: "account", entityId: account!.id, outcome: "success", details: { role: input.role } },
        context,
      );
      return { accountId: account!.id, ...link };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTakenError();
    throw error;
  }
}

/** Name, role and team. A role or team change ends the person's sessions: their access changed. */
export async function updateAccount(actor: Actor, input: Input<typeof updateAccountInput>, context: RequestContext) {
  assertCan(actor, "accounts.manage");
  return transaction(async (tx) => {
    const [current] = await tx
      .select({ role: accounts.role, teamId: accounts.teamId, version: accounts.version })
      .from(accounts)
      .where(eq(accounts.id, input.accountId))
      .for("update");
    if (!current) throw notFound("That account");
    if (current.version !== input.version) throw conflict();
    if (input.accountId === actor.id && input.role !== current.role) {
      throw invalid("You cannot change your own role; ask another administrator.", { role: ["You cannot change your own role."] });
    }
    await assertTeamExists(tx, input.teamId);
    await tx
      .update(accounts)
      .set({ name: input.name, role: input.role, teamId: input.teamId, updatedAt: sql`now()`, version: sql`${accounts.version} + 1` })
      .where(eq(accounts.id, input.accountId));
    const accessChanged = current.role !== input.role || current.teamId !== input.teamId;
    if (accessChanged) await revokeSessions(tx, input.accountId, "role or team changed");
    await audit(
      tx,
      {
        actor,
        action: "account.update",
        entityType: "account",
        entityId: input.accountId,
        outcome: "success",
        details: { fromRole: current.role, toRole: input.role, teamChanged: current.teamId !== input.teamId },
      },
      context,
    );
  });
}

export async function setAccountStatus(actor: Actor, input: Input<typeof setAccountStatusInput>, context: RequestContext) {
  assertCan(actor, "accounts.manage");
  if (input.accountId === actor.id) throw invalid("You cannot deactivate your own account.");
  return transaction(async (tx) => {
    const [updated] = await tx
      .update(accounts)
      .set({ status: input.status, updatedAt: sql`now()`, version: sql`${accounts.version} + 1` })
      .where(and(eq(accounts.id, input.accountId), eq(accounts.version, input.version)))
      .returning({ id: accounts.id });
    if (!updated) {
      const [exists] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
      throw exists ? conflict() : notFound("That account");
    }
    if (input.status === "deactivated") {
      await revokeSessions(tx, input.accountId, "account deactivated");
      await revokeTokens(tx, input.accountId);
    }
    await audit(
      tx,
      { actor, action: input.status === "active" ? "account.reactivate" : "account.deactivate", entityType: "account", entityId: input.accountId, outcome: "success" },
      context,
    );
  });
}

/**
 * A new single-use link for the person to set a password. For an account that already has one
 * it is a reset, for when a password is forgotten or may be known to someone else: the old
 * password stops working and every session ends now.
 */
export async function issuePasswordLink(actor: Actor, input: Input<typeof passwordLinkInput>, context: RequestContext) {
  assertCan(actor, "accounts.manage");
  return transaction(async (tx) => {
    // The row lock makes two admins issuing links at once take turns, so only one link lives.
    const [account] = await tx
      .select({ hasPassword: sql<boolean>`${accounts.passwordHash} is not null`, status: accounts.status })
      .from(accounts)
      .where(eq(accounts.id, input.accountId))
      .for("update");
    if (!account) throw notFound("That account");
    if (account.status !== "active") throw invalid("Reactivate the account before issuing a link.");
    const purpose = account.hasPassword ? "reset_password" : "set_password";
    const link = await issueToken(tx, input.accountId, purpose, actor.id);
    if (account.hasPassword) {
      await tx
        .update(accounts)
        .set({ passwordHash: null, updatedAt: sql`now()`, version: sql`${accounts.version} + 1` })
        .where(eq(accounts.id, input.accountId));
      await revokeSessions(tx, input.accountId, "password reset issued");
    }
    await audit(
      tx,
      { actor, action: `account.${purpose === "set_password" ? "set-password-link" : "reset-password-link"}`, entityType: "account", entityId: input.accountId, outcome: "success" },
      context,
    );
    return { ...link, purpose };
  });
}

export async function createTeam(actor: Actor, input: Input<typeof createTeamInput>, context: RequestContext) {
  assertCan(actor, "teams.manage");
  try {
    return await transaction(async (tx) => {
      const [team] = await tx.insert(teams).values({ name: input.name }).returning({ id: teams.id });
      await audit(tx, { actor, action: "team.create", entityType: "team", entityId: team!.id, outcome: "success" }, context);
      return { teamId: team!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid("Some fields need attention.", { name: ["A team with this name already exists."] });
    throw error;
  }
}

export async function renameTeam(actor: Actor, input: Input<typeof renameTeamInput>, context: RequestContext) {
  assertCan(actor, "teams.manage");
  try {
    return await transaction(async (tx) => {
      const [updated] = await tx
        .update(teams)
        .set({ name: input.name, updatedAt: sql`now()`, version: sql`${teams.version} + 1` })
        .where(and(eq(teams.id, input.teamId), eq(teams.version, input.version)))
        .returning({ id: teams.id });
      if (!updated) {
        const [exists] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId));
        throw exists ? conflict() : notFound("That team");
      }
      await audit(tx, { actor, action: "team.rename", entityType: "team", entityId: input.teamId, outcome: "success" }, context);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid("Some fields need attention.", { name: ["A team with this name already exists."] });
    throw error;
  }
}

/**
 * Needs the current password, and wrong guesses count towards the same lock as sign-in, so a
 * borrowed session cannot be used to guess it. The person's other sessions end; this one stays.
 */
export async function changeOwnPassword(actor: Actor, input: Input<typeof changeOwnPasswordInput>, context: RequestContext) {
  assertCan(actor, "account.change-own-password");
  const problem = passwordProblem(input.password, { email: actor.email });
  if (problem) throw invalid("Some fields need attention.", { password: [problem] });
  const passwordHash = await hashPassword(input.password);
  const refusal = await transaction(async (tx) => {
    const attempt = { actor, action: "account.change-password", entityType: "account", entityId: actor.id } as const;
    if (await isThrottled(tx, actor.email, context.ip)) {
      await recordAttempt(tx, actor.email, context.ip, "throttled");
      await audit(tx, { ...attempt, outcome: "denied", details: { reason: "throttled" } }, context);
      return new DomainError("RateLimited", SIGN_IN_THROTTLED);
    }
    const [account] = await tx
      .select({ passwordHash: accounts.passwordHash })
      .from(accounts)
      .where(eq(accounts.id, actor.id))
      .for("update");
    if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
      await recordAttempt(tx, actor.email, context.ip, "failure");
      await audit(tx, { ...attempt, outcome: "failure" }, context);
      return invalid("Some fields need attention.", { currentPassword: ["Your current password is not correct."] });
    }
    await tx
      .update(accounts)
      .set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${accounts.version} + 1` })
      .where(eq(accounts.id, actor.id));
    await revokeSessions(tx, actor.id, "password changed", actor.sessionId);
    await audit(tx, { ...attempt, outcome: "success" }, context);
    return null;
  });
  // Returned from the transaction so the failed attempt and its audit row are committed.
  if (refusal) throw refusal;
}

const invalidLink = () =>
  invalid("This link has expired or has already been used. Ask your administrator for a new one.");

/** Follows a set-password or reset link: usable once, before it expires. Ends any old sessions. */
export async function setPasswordWithToken(input: Input<typeof setPasswordWithTokenInput>, context: RequestContext) {
  // A made-up token is turned away before the costly hashing, so guessing costs us little.
  const usable = await findUsableToken(input.token);
  if (!usable) {
    await auditAlone({ action: "account.set-password", outcome: "failure", details: { reason: "invalid link" } }, context);
    throw invalidLink();
  }
  const problem = passwordProblem(input.password, { email: usable.email });
  if (problem) throw invalid("Some fields need attention.", { password: [problem] });
  const passwordHash = await hashPassword(input.password);
  const refusal = await transaction(async (tx) => {
    const token = await consumeToken(tx, input.token);
    if (!token) {
      await audit(tx, { action: "account.set-password", outcome: "failure", details: { reason: "invalid link" } }, context);
      return invalidLink();
    }
    const [updated] = await tx
      .update(accounts)
      .set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${accounts.version} + 1` })
      .where(and(eq(accounts.id, token.accountId), eq(accounts.status, "active")))
      .returning({ id: accounts.id });
    if (!updated) return invalidLink();
    await revokeSessions(tx, token.accountId, "password set from link");
    await audit(
      tx,
      { actor: { id: token.accountId, role: usable.role }, action: "account.set-password", entityType: "account", entityId: token.accountId, outcome: "success", details: { purpose: token.purpose } },
      context,
    );
    return null;
  });
  if (refusal) throw refusal;
}
