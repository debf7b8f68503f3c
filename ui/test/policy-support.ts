/** Helpers shared by the create-dialog policy tests and the permissions-and-expiry dialog tests. */
import { mockIPC } from "@tauri-apps/api/mocks";
import { dialogNamed } from "./dialog-support";

export type Call = [string, Record<string, unknown>];

/** A Rust stand-in: answers each command with `answers[cmd]` (a value, or a function of the
 * arguments that may throw a CommandError) and records every call. */
export function rust(answers: Record<string, unknown>): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    const answer = answers[cmd];
    return typeof answer === "function" ? (answer as (a: Record<string, unknown>) => unknown)(payload) : (answer ?? null);
  });
  return calls;
}

export const named = (calls: Call[], cmd: string): Record<string, unknown>[] => calls.filter(([c]) => c === cmd).map(([, args]) => args);

export function find<T extends HTMLElement>(testId: string): T {
  const found = document.querySelector<T>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`no ${testId}`);
  return found;
}

export function pick(input: HTMLInputElement): void {
  input.checked = true;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

export function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

export const dialogError = (testId: string): string | null | undefined => {
  const error = dialogNamed(testId)?.querySelector<HTMLElement>(".dialog-error");
  return error && !error.hidden ? error.textContent : null;
};

export const toastTexts = (kind: string): string[] =>
  [...document.querySelectorAll(`#toasts .toast-${kind}`)].map((toast) => toast.textContent ?? "");

export const POLICY_REFUSAL = {
  code: "refused",
  message:
    "OpenAI refused it: This organization requires API keys to expire within 30 days. Choose an expiry of 30 days or less.",
};
