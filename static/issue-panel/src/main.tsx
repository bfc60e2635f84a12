import { startSurface } from '../../shared/src/start-surface';
import { IssuePanel } from './issue-panel';

void startSurface(() => <IssuePanel />);
