import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { surfaceConfig } from '../shared/vite-surface.mts';

export default surfaceConfig(dirname(fileURLToPath(import.meta.url)));
