// The key rotations in progress, above the content: a rotation outlives a restart (Rust keeps it
// in a file beside the settings), so the window lists each one until it is finished or
// abandoned, with a button that opens its watch.

import * as api from "../api";
import { el } from "../dom";
import { inlineName } from "../server-text";
import type { KeyRotationInProgress } from "../types";
import { ROTATIONS_CHANGED_EVENT } from "./rotation-panel";

/** What one banner line says about a rotation. */
export function rotationNoticeText(found: KeyRotationInProgress): string {
  const { rotation } = found;
  const where = inlineName(found.orgLabel);
  const what = `Rotating “${inlineName(rotation.oldKey.name)}” (${where})`;
  if (rotation.secretLost) return `${what}: the new key's secret was lost. Open it to abandon the rotation.`;
  if (rotation.lastError) return `${what}: the last step failed. Open it to try again.`;
  if (rotation.phase === "minting") {
    return found.busy ? `${what}: creating the new key…` : `${what}: Keywarden stopped while creating the new key. Open it to find out what happened.`;
  }
  return `${what}: both keys work until you revoke the old one.`;
}

/** Draws the rotations in progress into `container`; `open` opens one's watch. Lists them again
 * whenever a rotation changes. */
export function mountRotationBanner(
  container: HTMLElement,
  open: (found: KeyRotationInProgress) => void,
): { reload: () => Promise<void> } {
  container.className = "rotation-notices";
  const reload = async (): Promise<void> => {
    const found = await api.listKeyRotations().catch(() => null);
    if (!Array.isArray(found)) return;
    container.replaceChildren(
      ...found.map((entry) =>
        el(
          "div",
          {
            className: "notice rotation-notice",
            attrs: { role: "status", "data-testid": "rotation-banner", "data-rotation-id": entry.rotation.rotationId },
          },
          [
            el("span", { text: rotationNoticeText(entry) }),
            el("button", {
              className: "button small",
              text: "Open",
              attrs: { type: "button", "data-testid": "rotation-banner-open" },
              onClick: () => open(entry),
            }),
          ],
        ),
      ),
    );
  };
  window.addEventListener(ROTATIONS_CHANGED_EVENT, () => void reload());
  void reload();
  return { reload };
}
