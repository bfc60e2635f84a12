import { startSurface } from '../../shared/src/start-surface';
import { ProjectPage } from './project-page';

void startSurface(() => <ProjectPage />);
