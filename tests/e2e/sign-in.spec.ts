import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  SIGN_IN_FAILED,
  demoAccount,
  expect,
  expectAccessible,
  expectedNavFor,
  loginError,
  mainNav,
  openLogin,
  signIn,
  signOut,
  submitLogin,
  test,
  welcomeHeading,
} from "./fixtures";

test.describe("signing in with each demo account", () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`${account.email} (${account.role}) sees home and the ${account.role} navigation`, async ({
      page,
    }) => {
      await signIn(page, account.email);
      await expect(welcomeHeading(page)).toHaveText(`Welcome, ${account.name}`);

      const nav = mainNav(page);
      await expect(nav).toHaveCount(1);
      await expect(nav.getByRole("link")).toHaveText([...expectedNavFor(account.role)]);

      if (account.role !== "admin") {
        // A screen outside the role answers 404, as if it did not exist.
        const response = await page.goto("/admin/accounts");
        expect(response?.status()).toBe(404);
        await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
        await expect(page.getByRole("heading", { name: "Accounts" })).toHaveCount(0);
        await expectAccessible(page, "not found page");
      } else {
        await page.goto("/admin/accounts");
        await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
        await expectAccessible(page, "accounts page");
      }
    });
  }
});

test("anonymous visitors are sent to the sign-in page", async ({ page }) => {
  for (const path of ["/", "/account", "/admin/accounts"]) {
    await page.goto(path);
    await expect(page, `visiting ${path} signed out`).toHaveURL((url) => url.pathname === "/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(welcomeHeading(page)).toHaveCount(0);
    await expectAccessible(page, `login page reached from ${path}`);
  }
});

test("a wrong password and an unknown address get the same message", async ({ page }) => {
  // One wrong password for this address in the whole suite (the throttle locks after five).
  const known = demoAccount("counsellor.south");
  await openLogin(page);
  await submitLogin(page, known.email, "definitely-not-the-password-1");
  await expect(loginError(page)).toHaveText(SIGN_IN_FAILED);
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expectAccessible(page, "login page with wrong-password error");

  await openLogin(page);
  await submitLogin(page, `nobody.${Date.now()}@tsunagu.example`, DEMO_PASSWORD);
  await expect(loginError(page)).toHaveText(SIGN_IN_FAILED);
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(welcomeHeading(page)).toHaveCount(0);
  await expectAccessible(page, "login page with unknown-address error");
});

test("signing out ends the session for good", async ({ page, context }) => {
  const counsellor = demoAccount("counsellor.north");
  await signIn(page, counsellor.email);

  const before = await context.cookies();
  const sessionCookie = before.find((c) => /next-auth\.session-token$/.test(c.name));
  expect(sessionCookie, "a session cookie is set after signing in").toBeTruthy();

  await signOut(page);
  const after = await context.cookies();
  expect(after.find((c) => c.name === sessionCookie!.name), "the session cookie is cleared").toBeUndefined();

  // Back button: must not show the signed-in page again.
  await page.goBack();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(welcomeHeading(page)).toHaveCount(0);
  await expectAccessible(page, "after going back");

  await page.goto("/account");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toHaveCount(0);
  await expectAccessible(page, "login page after visiting /account");

  // Replaying the old cookie: the server has ended the session, so it opens nothing.
  await context.addCookies(before);
  expect((await context.cookies()).find((c) => c.name === sessionCookie!.name)?.value).toBe(sessionCookie!.value);
  await page.goto("/account");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toHaveCount(0);
  await expectAccessible(page, "login page after replaying the old cookie");
  await page.goto("/");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(welcomeHeading(page)).toHaveCount(0);
});
