/**
 * The stage's command bar (issue 21 item 13), in Chromium: `help` in English and Chinese, and ↑/↓ walk
 * this session's commands, also after a reload.
 */
import { describe, expect, it } from "vitest";
import { byTestId, openApp, settled, waitReady } from "./harness.js";

describe("the command bar", () => {
  it("command bar: help in English and Chinese; ↑/↓ walk this session's commands, also after a reload", async () => {
    const app = await openApp({ path: "#/lesson/01-the-big-picture", reducedMotion: "reduce" });
    try {
      const { page } = app;
      await waitReady(app);
      const bar = byTestId(page, "command-bar");
      const result = byTestId(page, "command-result");
      await bar.fill("help");
      await bar.press("Enter");
      const help = await result.innerText();
      for (const word of ["get <resource>", "create <kind>", "apply -f", "delete", "label", "scale", "bind pod", "partition", "heal", "compact", "drop-watches", "restart", "slow-handler", "↑ / ↓"]) {
        expect(help).toContain(word);
      }
      // Every command the help names is one the bar knows (none answers "unknown command").
      for (const line of ["get pods", "get nodes"]) {
        await bar.fill(line);
        await bar.press("Enter");
        await expect.poll(() => result.innerText()).not.toMatch(/unknown command/);
      }
      await bar.fill("half-typed");
      await bar.press("ArrowUp");
      expect(await bar.inputValue()).toBe("get nodes");
      await bar.press("ArrowUp");
      expect(await bar.inputValue()).toBe("get pods");
      await bar.press("ArrowUp");
      expect(await bar.inputValue()).toBe("help");
      await bar.press("ArrowUp"); // the oldest: stays
      expect(await bar.inputValue()).toBe("help");
      await bar.press("ArrowDown");
      await bar.press("ArrowDown");
      expect(await bar.inputValue()).toBe("get nodes");
      await bar.press("ArrowDown");
      expect(await bar.inputValue()).toBe("half-typed");
      await page.reload();
      await waitReady(app);
      await byTestId(page, "command-bar").press("ArrowUp");
      expect(await byTestId(page, "command-bar").inputValue()).toBe("get nodes");
      // Chinese help, same commands.
      await page.locator('[data-testid="locale"]').selectOption("zh-CN");
      await waitReady(app);
      await byTestId(page, "command-bar").fill("help");
      await byTestId(page, "command-bar").press("Enter");
      const zh = await byTestId(page, "command-result").innerText();
      expect(zh).toMatch(/^命令/);
      for (const word of ["get <资源>", "partition", "slow-handler", "调出之前的命令"]) expect(zh).toContain(word);
      await settled(page);
      await app.screenshot("command-bar-help-zh");
    } finally {
      await app.close();
    }
  });
});
