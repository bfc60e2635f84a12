import { startSurface } from '../../shared/src/start-surface';
import '../../shared/src/grow-with-content.css';
import { IssuePanel } from './issue-panel';

void startSurface(() => <IssuePanel />);
