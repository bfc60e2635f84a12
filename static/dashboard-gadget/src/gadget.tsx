/** The gadget: its edit view when Jira opens that one (or nothing is configured yet), else its view. */
import { configOf } from './gadget-config';
import type { GadgetConfig } from './gadget-config';
import { GadgetEdit } from './gadget-edit';
import { GadgetView } from './gadget-view';

export function Gadget({
  configuration,
  editing,
  onSubmit,
}: {
  /** The context's `extension.gadgetConfiguration`, as Jira gives it. */
  configuration: unknown;
  /** The context's `extension.entryPoint` is `edit`. */
  editing: boolean;
  onSubmit: (config: GadgetConfig) => Promise<void>;
}) {
  const config = configOf(configuration);
  if (editing || config === null) return <GadgetEdit initial={config} onSubmit={onSubmit} />;
  return <GadgetView config={config} />;
}
