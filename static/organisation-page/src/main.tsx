import { startSurface } from '@shared/start-surface';
import { OrganisationPage } from './organisation-page';

void startSurface(() => <OrganisationPage />);
