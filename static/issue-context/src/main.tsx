import { startSurface } from '@shared/start-surface';
import '@shared/grow-with-content.css';
import { IssueContext } from './issue-context';

void startSurface(() => <IssueContext />);
