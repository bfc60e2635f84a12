/**
 * Stands in for `@atlaskit/feature-gate-js-client` in our bundles. Atlaskit components ask it
 * about Atlassian's own experiments; in a Forge app's frame nothing ever initialises it, so every
 * gate answers "off" and every experiment its default. This module gives the same answers without
 * shipping the Statsig client (about 30 KB gzipped per surface). See docs/dependencies.md.
 */
const FeatureGates = {
  checkGate: (_gate: string): boolean => false,
  getExperimentValue: <T>(_experiment: string, _parameter: string, defaultValue: T): T => defaultValue,
  getExperiment: (): null => null,
  initializeCompleted: (): boolean => false,
  hasCheckGateErrorOccurred: (): boolean => false,
  hasGetExperimentValueErrorOccurred: (): boolean => false,
  getDefaultPerimeter: (): string => 'commercial',
};

export default FeatureGates;
