import { startSurface } from '@shared/start-surface';
import { ProjectPage } from './project-page';

void startSurface(() => <ProjectPage />);
