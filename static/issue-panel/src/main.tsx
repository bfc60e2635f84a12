import { startSurface } from '@shared/start-surface';
import '@shared/grow-with-content.css';
import { IssuePanel } from './issue-panel';

void startSurface(() => <IssuePanel />);
