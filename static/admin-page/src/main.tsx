import { startSurface } from '../../shared/src/start-surface';
import { AdminPage } from './admin-page';

void startSurface(() => <AdminPage />);
