import { startSurface } from '../../shared/src/start-surface';
import '../../shared/src/grow-with-content.css';
import { AdminPage } from './admin-page';

void startSurface(() => <AdminPage />);
