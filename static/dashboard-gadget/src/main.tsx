import { view } from '@forge/bridge';
import { startSurface } from '@shared/start-surface';
import { Gadget } from './gadget';

/** The gadget's own part of Forge's context: its saved configuration and which view Jira opened. */
async function gadgetContext(): Promise<{ configuration: unknown; editing: boolean }> {
  const context = (await view.getContext()) as { extension?: { gadgetConfiguration?: unknown; entryPoint?: unknown } };
  return {
    configuration: context.extension?.gadgetConfiguration ?? null,
    editing: context.extension?.entryPoint === 'edit',
  };
}

void gadgetContext().then(({ configuration, editing }) =>
  startSurface(() => (
    <Gadget configuration={configuration} editing={editing} onSubmit={(config) => view.submit(config)} />
  )),
);
