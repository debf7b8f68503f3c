// Rotating a key from its row: a service-account key goes through the plan, the start, the usual
// one-time reveal, and then the watch; a person's key gets the explanation and the create dialog
// for a service-account key instead. Rust does every step; the page holds no secret.

import * as api from "./api";
import { type KeyFlowHost, keysChanged, onCreated } from "./key-flows";
import { inlineName } from "./server-text";
import type { KeyRotationStarted, KeyRow } from "./types";
import { toast } from "./views/dialog";
import { createKeyDialog } from "./views/key-dialogs";
import { revealDialog } from "./views/reveal-dialog";
import { startRotationDialog, userOwnedRotationDialog } from "./views/rotation-dialogs";
import { rotationPanel, rotationsChanged } from "./views/rotation-panel";

/** "Rotate" on a key row. */
export function rotateKey(host: KeyFlowHost, orgId: string, key: KeyRow): void {
  if (key.ownerKind === "user") {
    userOwnedRotationDialog(key.name, key.ownerName, () => void createInstead(host, orgId, key.projectId));
    return;
  }
  void startRotationDialog(orgId, key.projectId, key.id, (started) => onStarted(host, orgId, started));
}

/** Opens the watch of a rotation in progress (from the banner, or after the reveal). */
export function openRotation(host: KeyFlowHost, orgId: string, rotationId: string, oldKeyName: string): void {
  rotationPanel(orgId, rotationId, oldKeyName, () => keysChanged(host, orgId));
}

/** The new key is minted: reveal it once, then watch both keys. */
function onStarted(host: KeyFlowHost, orgId: string, started: KeyRotationStarted): void {
  const { rotation, created } = started;
  keysChanged(host, orgId);
  rotationsChanged();
  const watch = () => openRotation(host, orgId, rotation.rotationId, rotation.oldKey.name);
  if (!created) {
    watch();
    return;
  }
  const account = rotation.serviceAccountName ?? rotation.serviceAccountId;
  const owner = `Key id ${created.keyId} · on service account “${inlineName(account)}”, beside the old key “${inlineName(rotation.oldKey.name)}”`;
  revealDialog(
    orgId,
    created,
    created.redactedValue,
    () => {
      host.activityChanged(orgId);
      // Once the reveal has closed, never under it.
      setTimeout(watch, 0);
    },
    owner,
  );
}

/** Opens the create dialog of the key's project, for a service-account key instead. */
async function createInstead(host: KeyFlowHost, orgId: string, projectId: string): Promise<void> {
  const query = { text: projectId, includeArchived: false, offset: 0, limit: 50 };
  const page = await api.queryProjects(orgId, query).catch(() => null);
  const project = page?.rows.find((p) => p.id === projectId);
  if (!project) {
    toast("The key's project is not in the list any more (archived or deleted); refresh to see where things stand.", "error");
    return;
  }
  createKeyDialog(orgId, project, project.serviceAccountCount, (outcome) => onCreated(host, orgId, outcome));
}
