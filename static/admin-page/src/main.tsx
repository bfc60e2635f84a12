import { startSurface } from '@shared/start-surface';
import '@shared/grow-with-content.css';
import { AdminPage } from './admin-page';

void startSurface(() => <AdminPage />);
