/**
 * What globalSetup hands to globalTeardown. Jest runs both in the same process and shares
 * globalThis between them (test workers do not see it: they get process.env).
 */
import type { LocalEmulators } from '../../local/emulators';

interface IntegrationHandles {
  emulators: LocalEmulators;
  dataDir: string;
}

const key = Symbol.for('pictor.integration.handles');
type WithHandles = typeof globalThis & { [key]?: IntegrationHandles };

export const integrationGlobals = {
  set(handles: IntegrationHandles): void {
    (globalThis as WithHandles)[key] = handles;
  },
  take(): IntegrationHandles | undefined {
    const handles = (globalThis as WithHandles)[key];
    delete (globalThis as WithHandles)[key];
    return handles;
  },
};
